"""Responses, and the one request body the domain has no model for. Other bodies are the domain's
`*Request` models: what a user says, without the actor, which the token gives."""

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mouflow.domain.actions import MouId, SubmitRequest
from mouflow.domain.content import Bilingual, DraftContent, Slug, YesNo
from mouflow.domain.summaries import MouStatus

# each party once (api/services/mous.py refuses a repeated one), which the schema says as `uniqueItems`
PartnerIds = Annotated[list[Slug], Field(min_length=1, max_length=20, json_schema_extra={"uniqueItems": True})]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextOrCopy(Body):
    """A new MoU's text: written out, or the latest version of an MoU the user may see (`copy_of`)."""

    content: DraftContent | None = None
    copy_of: MouId | None = None

    @model_validator(mode="after")
    def _one_text(self) -> "TextOrCopy":
        if (self.content is None) == (self.copy_of is None):
            raise ValueError("give either content or copy_of")
        return self


class StartBody(TextOrCopy):
    mou_id: MouId | None = None
    partner_ids: PartnerIds


class StartEachBody(TextOrCopy):
    """One text for several partners: one MoU per partner, the owner's party and that partner. A milestone
    owned by `partner` is owned, in each MoU, by its partner."""

    partner_ids: PartnerIds


class MilestoneOut(BaseModel):
    id: str
    term_number: int
    title: Bilingual
    owner_party_id: str
    due_date: date
    status: str
    overdue: bool
    confirmed: bool


class MouOut(MouStatus):
    milestones: list[MilestoneOut]


class MouListItem(BaseModel):
    mou_id: str
    title_en: str
    title_zh: str
    stage: str
    party_ids: list[str]
    has_overdue: bool
    current_version: int
    next_deadline: datetime | None
    updated_at: datetime


class MouPage(BaseModel):
    items: list[MouListItem]
    next_cursor: str | None


class SubmitBody(SubmitRequest):
    """A submit, and the officer's word that a text changed in one language only says the same in the other
    (api/services/authenticity.py). The word stays with the API: the workflow's `Submit` has no such field."""

    confirm_one_language: YesNo = False

    def said(self) -> SubmitRequest:
        """What the workflow hears."""
        return SubmitRequest.model_validate(self.model_dump(exclude={"confirm_one_language"}))
