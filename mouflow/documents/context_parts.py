"""The pieces of a document's context, as plain JSON data: templates read them, the request key hashes them."""

from typing import Any

from mouflow.documents.formatting import day, moment
from mouflow.domain.content import DraftContent, MilestonePlanItem, Party
from mouflow.domain.enums import SigningMode
from mouflow.domain.state import Ceremony, Milestone, MouState, SignatureRecord

HONG_KONG = "Asia/Hong_Kong"  # where the owner drafts; used when no ceremony names a zone

View = dict[str, Any]


def party(value: Party) -> View:
    return {"id": value.id, "name": value.name.model_dump()}


def parties(mou: MouState) -> list[View]:
    return [party(value) for value in mou.parties]


def agreed_text(content: DraftContent, mou: MouState) -> View:
    view = {
        "title": content.title.model_dump(),
        "scope_areas": [area.model_dump() for area in content.scope_areas],
        "term_months": content.term_months,
        "effective_date": day(content.effective_date),
        "clauses": [clause.model_dump() for clause in content.clauses],
        "milestones": [planned_milestone(item, mou) for item in content.milestones],
    }
    if content.simplified is not None:  # only where it is: the context of every other text hashes as before
        view["simplified"] = content.simplified.model_dump()
    return view


def planned_milestone(item: MilestonePlanItem, mou: MouState) -> View:
    return {"title": item.title.model_dump(), "owner": party_name(mou, item.owner_party_id), "due": due(item)}


def due(item: MilestonePlanItem) -> dict[str, str]:
    if item.due_date is not None:
        return {key: value for key, value in (day(item.due_date) or {}).items() if key != "iso"}
    return offset_after_effective_date(item.offset_months or 0, item.offset_days)


def offset_after_effective_date(months: int, days: int) -> dict[str, str]:
    """Only the parts that are not zero: "20 days", never "0 months and 20 days"."""
    parts = [(months, "month", "個月"), (days, "day", "日")]
    given = [(count, en, zh) for count, en, zh in parts if count]
    if not given:
        return {"en": "on the effective date", "zh": "生效日期當日"}
    english = " and ".join(f"{count} {en}{'' if count == 1 else 's'}" for count, en, _ in given)
    chinese = "".join(f"{count}{zh}" for count, _, zh in given)
    return {"en": f"{english} after the effective date", "zh": f"生效日期後{chinese}"}


def party_name(mou: MouState, party_id: str) -> dict[str, str]:
    found = next((value for value in mou.parties if value.id == party_id), None)
    return found.name.model_dump() if found else {"en": party_id, "zh": party_id}


def time_zone(mou: MouState) -> str:
    return mou.ceremony.time_zone if mou.ceremony else HONG_KONG


def signature(mou: MouState, record: SignatureRecord) -> View:
    signatory = record.signatory
    return {
        "party": party_name(mou, record.party_id),
        "name": {"en": signatory.name_en, "zh": signatory.name_zh},
        "title": {"en": signatory.title_en, "zh": signatory.title_zh},
        "signed_by": record.signed_by.name,
        "version": record.version,
        "at": moment(record.at, time_zone(mou)),
        "in_counterpart": record.mode is SigningMode.IN_COUNTERPART,
    }


def ceremony(value: Ceremony | None) -> View | None:
    if value is None:
        return None
    return {
        "starts": moment(value.starts_at, value.time_zone),
        "venue": value.venue.model_dump(),
        "witnesses": [witness.model_dump() for witness in value.witnesses],
    }


STATUS_LABELS = {
    "pending": {"en": "Pending", "zh": "待辦"},
    "in_progress": {"en": "In progress", "zh": "進行中"},
    "done": {"en": "Done", "zh": "已完成"},
    "overdue": {"en": "Overdue", "zh": "逾期"},
}


def status_of(value: Milestone) -> str:
    return "overdue" if value.is_overdue else str(value.status)


def milestone(mou: MouState, value: Milestone) -> View:
    status = status_of(value)
    return {
        "title": value.title.model_dump(),
        "owner": party_name(mou, value.owner_party_id),
        "due": day(value.due_date),
        "term": value.term_number,
        "status": status,
        "status_label": STATUS_LABELS[status],
        "note": value.progress[-1].note if value.progress else "",
    }
