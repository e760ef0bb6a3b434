"""Everything the MoU page shows, read from the projection in one go."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from api.access import visible_mou
from api.web.charts import ChartItem, MilestoneChart, milestone_chart
from mouflow.documents.models import DocumentKind
from mouflow.documents.records import list_documents
from mouflow.domain.enums import MilestoneStatus
from mouflow.domain.offers import MilestoneLine, Offers, offers_for
from mouflow.domain.paperwork import may_request
from mouflow.domain.summaries import MouStatus
from mouflow.store.access_tables import UserRow
from mouflow.store.mous import get_version, list_events, list_milestones
from mouflow.store.parties import list_parties
from mouflow.store.tables import DocumentRow, EventRow, MilestoneRow, MouRow
from mouflow.store.users import to_actor


@dataclass(frozen=True)
class MouPage:
    row: MouRow
    status: MouStatus
    milestones: list[MilestoneRow]
    chart: MilestoneChart | None
    events: list[EventRow]
    documents: list[DocumentRow]
    offers: Offers
    party_names: dict[str, tuple[str, str]]
    may_request_documents: bool  # the workflow's own rule, and only while the MoU runs: a closed one takes no Update


def mou_page(*, session: Session, user: UserRow, mou_id: str, today: date) -> MouPage:
    row = visible_mou(session=session, user=user, mou_id=mou_id)
    status = MouStatus.model_validate(row.status)
    current = _current_term(list_milestones(session=session, mou_id=mou_id), status)
    needing_confirmation = _needing_confirmation(session, row)
    lines = [_line(m, needing_confirmation) for m in current]
    return MouPage(
        row=row,
        status=status,
        milestones=current,
        chart=milestone_chart([_chart_item(m) for m in current], today) if current else None,
        events=list_events(session=session, mou_id=mou_id),
        documents=[d for d in list_documents(session=session, mou_id=mou_id) if d.kind != DocumentKind.PROGRESS_REPORT],
        offers=offers_for(status, lines, to_actor(user), _renewal_decided_by(status)),
        party_names={p.id: (p.name_en, p.name_zh) for p in list_parties(session=session)},
        may_request_documents=may_request(status.owner_party_id, to_actor(user)) and not status.stage.is_terminal,
    )


def _renewal_decided_by(status: MouStatus) -> set[str] | None:
    term = status.term
    return set(term.renewal_decisions) if term is not None and term.renewal_notice_sent else None


def _current_term(milestones: list[MilestoneRow], status: MouStatus) -> list[MilestoneRow]:
    term = status.term.number if status.term else None
    return [m for m in milestones if m.term_number == term]


def _needing_confirmation(session: Session, row: MouRow) -> set[str]:
    """The executed text's plan says which milestones the other side confirms; the projection's milestone
    rows do not keep it. A milestone added by amendment is not offered: the workflow would still decide."""
    if row.executed_version is None:
        return set()
    version = get_version(session=session, mou_id=row.id, number=row.executed_version)
    plan: list[dict[str, Any]] = version.content.get("milestones", []) if version else []  # type: ignore[assignment]
    return {item["id"] for item in plan if item.get("requires_confirmation")}


def _line(milestone: MilestoneRow, needing_confirmation: set[str]) -> MilestoneLine:
    return MilestoneLine(
        id=milestone.milestone_id,
        owner_party_id=milestone.owner_party_id,
        status=MilestoneStatus(milestone.status),
        confirmed=milestone.confirmed,
        requires_confirmation=milestone.milestone_id in needing_confirmation,
    )


def _chart_item(milestone: MilestoneRow) -> ChartItem:
    return ChartItem(milestone.due_date, milestone.status == "done", milestone.overdue)
