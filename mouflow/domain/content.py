"""What an MoU says: the bilingual text that officers draft and parties review."""

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

# Dates an officer types: far enough either way for any real MoU, near enough that term arithmetic, calendars
# and PDFs never run off the end of the calendar (the windows of mouflow.domain.dates are narrower still). JSON
# Schema has no bounds for a date, so the OpenAPI document says the years as a pattern.
Day = Annotated[
    date, Field(ge=date(1990, 1, 1), le=date(2199, 12, 31), json_schema_extra={"pattern": r"^(199\d|2[01]\d\d)-"})
]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")]

# what a web form sends is text: its numbers and yes/no are read from text only where the validation's context
# says so (api/web/forms.py); JSON says 1 and true, so "1", true for a number and 1 for true/false are refused
TYPED_IN_A_FORM = "typed_in_a_form"


def _from_a_form(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get(TYPED_IN_A_FORM))


def _a_whole_number(value: Any, info: ValidationInfo) -> Any:
    if isinstance(value, bool) or (isinstance(value, str | bytes) and not _from_a_form(info)):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


def _a_yes_or_no(value: Any, info: ValidationInfo) -> Any:
    if not isinstance(value, bool) and not _from_a_form(info):
        raise PydanticCustomError("bool_type", "Input should be a valid boolean")
    return value


# written after a number's bounds, never before them: bounds that follow a validator reach the JSON Schema as
# `ge` and `le`, which no JSON Schema reader knows, instead of `minimum` and `maximum` (pydantic issue 11576)
A_WHOLE_NUMBER = BeforeValidator(_a_whole_number)
YesNo = Annotated[bool, BeforeValidator(_a_yes_or_no)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Bilingual(Frozen):
    """English and Traditional Chinese, both required: every MoU is executed in both."""

    en: ShortText
    zh: ShortText


class BilingualText(Frozen):
    en: LongText
    zh: LongText


class Party(Frozen):
    id: Slug
    name: Bilingual
    wants_simplified_copy: YesNo = False  # Mainland partners read Simplified Chinese


class Clause(Frozen):
    heading: Bilingual
    text: BilingualText


class SimplifiedClause(Frozen):
    heading: ShortText
    text: LongText


class SimplifiedText(Frozen):
    """The MoU in Simplified Chinese, written by an officer of a party that reads it: a version that has it
    holds it as an authentic text, beside the English and the Traditional Chinese, reviewed like them.
    Scope areas and clauses pair with the draft's by their place in the list."""

    title: ShortText
    scope_areas: Annotated[list[ShortText], Field(min_length=1, max_length=20)]
    clauses: Annotated[list[SimplifiedClause], Field(min_length=1, max_length=200)]


class MilestonePlanItem(Frozen):
    """A follow-up commitment: due on a fixed date, or an offset from the effective date."""

    id: Slug
    title: Bilingual
    owner_party_id: Slug
    due_date: Day | None = None
    offset_months: Annotated[int, Field(ge=0, le=240), A_WHOLE_NUMBER] | None = None
    offset_days: Annotated[int, Field(ge=0, le=3660), A_WHOLE_NUMBER] = 0
    requires_confirmation: YesNo = False

    @model_validator(mode="after")
    def _one_way_to_be_due(self) -> "MilestonePlanItem":
        # an offset is months, days or both (absent months count as 0); offset_days=0 is also its
        # default, so "20 days" alone is an offset but a bare 0 is no way of being due at all
        has_offset = self.offset_months is not None or self.offset_days > 0
        if (self.due_date is None) != has_offset:
            raise ValueError("give either due_date or offset_months and/or offset_days")
        return self


class DraftContent(Frozen):
    title: Bilingual
    scope_areas: Annotated[list[Bilingual], Field(min_length=1, max_length=20)]
    term_months: Annotated[int, Field(ge=1, le=240), A_WHOLE_NUMBER]
    effective_date: Day | None = None  # None: effective on the day the last party signs
    notice_months: Annotated[
        int, Field(ge=0, le=24, description="months a notice of termination runs"), A_WHOLE_NUMBER
    ] = 3
    clauses: Annotated[list[Clause], Field(min_length=1, max_length=200)]
    milestones: Annotated[list[MilestonePlanItem], Field(max_length=600)] = []
    simplified: SimplifiedText | None = None  # None: English and Traditional Chinese are the authentic texts

    def size_in_bytes(self) -> int:
        return len(self.model_dump_json().encode())
