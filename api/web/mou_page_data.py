"""Everything the MoU page shows, read from the projection in one go; its forms, which the workflow's
own state decides, come from `api.web.mou_offers`."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from api.access import visible_mou
from api.web.charts import ChartItem, MilestoneChart, milestone_chart
from mouflow.documents.models import DocumentKind
from mouflow.documents.records import list_documents
from mouflow.domain.summaries import MouStatus
from mouflow.store.access_tables import UserRow
from mouflow.store.audit import list_events
from mouflow.store.audit_tables import AuditRow
from mouflow.store.mous import list_milestones
from mouflow.store.parties import list_parties
from mouflow.store.tables import DocumentRow, MilestoneRow, MouRow


@dataclass(frozen=True)
class MouPage:
    row: MouRow
    status: MouStatus
    milestones: list[MilestoneRow]
    chart: MilestoneChart | None
    events: list[AuditRow]
    documents: list[DocumentRow]
    party_names: dict[str, tuple[str, str]]
    starting_parties: frozenset[str] = frozenset()  # the parties whose officers start MoUs ("Start a copy")


def mou_page(*, session: Session, user: UserRow, mou_id: str, today: date) -> MouPage:
    row = visible_mou(session=session, user=user, mou_id=mou_id)
    status = MouStatus.model_validate(row.status)
    current = _current_term(list_milestones(session=session, mou_id=mou_id), status)
    parties = list_parties(session=session)
    return MouPage(
        row=row,
        status=status,
        milestones=current,
        chart=milestone_chart([_chart_item(m) for m in current], today) if current else None,
        events=list_events(session=session, mou_id=mou_id),
        documents=[d for d in list_documents(session=session, mou_id=mou_id) if d.kind != DocumentKind.PROGRESS_REPORT],
        party_names={p.id: (p.name_en, p.name_zh) for p in parties},
        starting_parties=frozenset(p.id for p in parties if p.owns_mous),
    )


def _current_term(milestones: list[MilestoneRow], status: MouStatus) -> list[MilestoneRow]:
    term = status.term.number if status.term else None
    return [m for m in milestones if m.term_number == term]


def _chart_item(milestone: MilestoneRow) -> ChartItem:
    return ChartItem(milestone.due_date, milestone.status == "done", milestone.overdue)
