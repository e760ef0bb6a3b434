"""The draft's fields as a plain HTML form: rows of typed text, the row buttons that change them, the
draft they make, and where on the form each refusal belongs.

With no script on the pages, adding, removing and moving a row is a submit button (`op=add:clause`,
`op=remove:clause:3`, `op=up:clause:2`) that the server applies to the typed form before drawing it again,
so nothing typed is lost. Every field is kept as the text typed: the form is drawn again exactly as sent.
"""

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError
from starlette.datastructures import FormData

from api.problems import Problem
from api.web.field_words import fault_words
from mouflow.domain.content import TYPED_IN_A_FORM, DraftContent
from mouflow.translations import Translator

# the parts of each kind of row, as the form names its fields `<kind>-<index>-<part>`
ROW_PARTS: dict[str, tuple[str, ...]] = {
    "scope": ("en", "zh"),
    "clause": ("heading_en", "heading_zh", "text_en", "text_zh"),
    "milestone": ("id", "title_en", "title_zh", "owner", "due_date", "offset_months", "offset_days", "confirm"),
}
MAX_ROWS = {"scope": 20, "clause": 200, "milestone": 600}  # as DraftContent bounds them
SINGLE_FIELDS = ("title_en", "title_zh", "term_months", "effective_date", "notice_months")
# the model's names for the parts of a row, where the form's differ
CONTENT_LISTS = {"scope_areas": "scope", "clauses": "clause", "milestones": "milestone"}
OP = re.compile(r"^(add|remove|up|down):(scope|clause|milestone)(?::([0-9]{1,7}))?$")
NUMBER = re.compile(r"^[0-9]{1,7}$")  # ASCII digits only, and short: `"²".isdigit()` is True, int() of it fails
KEEP = "keep"  # Enter in a field: the form checked and drawn again as typed


class BadForm(ValueError):
    """A field no page of ours sends (a count, a row index, a button): the form is drawn again, unchanged."""


Posted = Literal["redraw", "submit", "bad"]


def form_number(text: str) -> int | None:
    """A count, index or version as the form sends it; None for anything else."""
    return int(text) if NUMBER.match(text) else None


Row = dict[str, str]


@dataclass
class DraftForm:
    """What the officer typed, field by field, and what is wrong with it, by field."""

    single: dict[str, str]
    rows: dict[str, list[Row]]
    errors: dict[str, str] = field(default_factory=dict)
    malformed: bool = False  # a count no page of ours sends: its rows are not read

    def row_error(self, kind: str, index: int, part: str) -> str:
        return self.errors.get(f"{kind}-{index}-{part}", "")


def blank_form() -> DraftForm:
    single = dict.fromkeys(SINGLE_FIELDS, "") | {"term_months": "24", "notice_months": "3"}
    return DraftForm(single, {kind: [_blank_row(kind)] for kind in ("scope", "clause")} | {"milestone": []})


def _blank_row(kind: str) -> Row:
    return dict.fromkeys(ROW_PARTS[kind], "")


def form_of(content: DraftContent) -> DraftForm:
    """A version's text, as the form shows it."""
    single = {
        "title_en": content.title.en,
        "title_zh": content.title.zh,
        "term_months": str(content.term_months),
        "effective_date": content.effective_date.isoformat() if content.effective_date else "",
        "notice_months": str(content.notice_months),
    }
    scopes = [{"en": s.en, "zh": s.zh} for s in content.scope_areas]
    clauses = [
        {"heading_en": c.heading.en, "heading_zh": c.heading.zh, "text_en": c.text.en, "text_zh": c.text.zh}
        for c in content.clauses
    ]
    milestones = [
        {
            "id": m.id,
            "title_en": m.title.en,
            "title_zh": m.title.zh,
            "owner": m.owner_party_id,
            "due_date": m.due_date.isoformat() if m.due_date else "",
            "offset_months": "" if m.offset_months is None else str(m.offset_months),
            "offset_days": str(m.offset_days) if m.offset_days else "",
            "confirm": "yes" if m.requires_confirmation else "",
        }
        for m in content.milestones
    ]
    return DraftForm(single, {"scope": scopes, "clause": clauses, "milestone": milestones})


def posted_form(form: FormData, submit: str) -> tuple[DraftForm, Posted]:
    """The form as posted, and what its button asks: drawn again (a row button, or Enter), the page's own
    submit (`submit`: "save" or "start"), or "bad" for a count, button or row no page of ours sends."""
    draft = typed_form(form)
    try:
        op = form.get("op")
        redraw = apply_op(draft, op if isinstance(op, str) else "", submit)  # as sent: `save ` is no button
    except BadForm:
        return draft, "bad"
    if draft.malformed:
        return draft, "bad"
    return draft, "redraw" if redraw else "submit"


def typed_form(form: FormData) -> DraftForm:
    """The form as posted; each list as long as its hidden count says. A count that is no number, or more
    rows than the draft may have, reads no rows of that kind and marks the form malformed."""
    single = {name: _text(form, name) for name in SINGLE_FIELDS}
    draft = DraftForm(single, {})
    for kind in ROW_PARTS:
        try:
            draft.rows[kind] = _typed_rows(form, kind)
        except BadForm:
            draft.rows[kind], draft.malformed = [], True
    return draft


def _typed_rows(form: FormData, kind: str) -> list[Row]:
    count = _text(form, f"{kind}_count")
    rows = form_number(count) if count else 0
    if rows is None or rows > MAX_ROWS[kind]:
        raise BadForm(f"{kind}_count")
    return [{part: _text(form, f"{kind}-{index}-{part}") for part in ROW_PARTS[kind]} for index in range(rows)]


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def apply_op(draft: DraftForm, op: str, submit: str) -> bool:
    """A row button's change to the typed form: True when it was one (or `keep`), False for the page's own
    submit button (`submit`: "save" or "start"); BadForm for anything else, as for a row index out of range."""
    if op == submit:
        return False
    if op == KEEP:
        return True
    found = OP.match(op)
    if found is None:
        raise BadForm("op")
    verb, kind, index_text = found.groups()
    rows = draft.rows[kind]
    if verb == "add":
        if index_text is not None:
            raise BadForm("op")
        if len(rows) < MAX_ROWS[kind]:
            rows.append(_blank_row(kind))
        return True
    index = -1 if index_text is None else int(index_text)
    if not 0 <= index < len(rows):
        raise BadForm("op")
    if verb == "remove":
        rows.pop(index)
        return True
    other = index - 1 if verb == "up" else index + 1
    if 0 <= other < len(rows):  # the first row up, the last down: drawn again as it is (the button is disabled)
        rows[index], rows[other] = rows[other], rows[index]
    return True


def content_fields(draft: DraftForm) -> dict[str, Any]:
    """The draft as DraftContent's JSON, typed text as it is: the model judges it, in its own words."""
    single = draft.single
    return {
        "title": {"en": single["title_en"], "zh": single["title_zh"]},
        "scope_areas": [{"en": row["en"], "zh": row["zh"]} for row in draft.rows["scope"]],
        "term_months": single["term_months"],
        "effective_date": single["effective_date"] or None,
        "notice_months": single["notice_months"] or 3,
        "clauses": [
            {
                "heading": {"en": row["heading_en"], "zh": row["heading_zh"]},
                "text": {"en": row["text_en"], "zh": row["text_zh"]},
            }
            for row in draft.rows["clause"]
        ],
        "milestones": [_milestone_fields(row) for row in draft.rows["milestone"]],
    }


def _milestone_fields(row: Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "title": {"en": row["title_en"], "zh": row["title_zh"]},
        "owner_party_id": row["owner"],
        "due_date": row["due_date"] or None,
        "offset_months": row["offset_months"] or None,
        "offset_days": row["offset_days"] or 0,
        "requires_confirmation": bool(row["confirm"]),
    }


def checked_content(draft: DraftForm, translate: Translator) -> DraftContent | None:
    """The draft, or None with every fault written next to its field."""
    try:
        return DraftContent.model_validate(content_fields(draft), context={TYPED_IN_A_FORM: True})
    except ValidationError as error:
        for fault in error.errors():
            draft.errors.setdefault(field_key(fault["loc"]), fault_words(fault, translate))
        return None


def field_key(loc: tuple[int | str, ...]) -> str:
    """Where on the form a model's field path is: ("clauses", 2, "text", "zh") is `clause-2-text_zh`."""
    if loc and loc[0] in CONTENT_LISTS:
        kind = CONTENT_LISTS[str(loc[0])]
        if len(loc) == 1:
            return kind  # the list itself: none, or too many
        return f"{kind}-{loc[1]}" + (f"-{_part(kind, loc[2:])}" if len(loc) > 2 else "")
    if loc and loc[0] == "title":
        return f"title_{loc[1]}" if len(loc) > 1 else "title_en"
    return str(loc[0]) if loc else "form"


def _part(kind: str, rest: tuple[int | str, ...]) -> str:
    name = "_".join(str(part) for part in rest)
    return {"owner_party_id": "owner", "requires_confirmation": "confirm"}.get(name, name)


PATH_INDEX = re.compile(r"^content\.(scope_areas|clauses|milestones)\[(\d+)\]$")


def place_refusal(draft: DraftForm, problem: Problem, words: str) -> str | None:
    """Writes the API's refusal next to the field it names; None when placed, else the words for the page's top."""
    key = _refused_field(draft, problem)
    if key is None:
        return words
    draft.errors[key] = words
    return None


def _refused_field(draft: DraftForm, problem: Problem) -> str | None:
    milestone = problem.values.get("milestone")
    for index, row in enumerate(draft.rows["milestone"]):
        if milestone is not None and row["id"] == milestone:
            return f"milestone-{index}"
    indexed = PATH_INDEX.match(problem.field or "")
    if indexed:
        return f"{CONTENT_LISTS[indexed.group(1)]}-{indexed.group(2)}"
    fields = {"content.effective_date": "effective_date", "partner_ids": "parties"}
    return fields.get(problem.field or "")
