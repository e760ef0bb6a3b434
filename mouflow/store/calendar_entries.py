"""What the calendars show of a party's MoUs, read from the projection alone (never from Temporal)."""

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from mouflow.calendars.models import FeedMilestone, FeedMou
from mouflow.domain.content import Bilingual
from mouflow.domain.enums import MilestoneStatus
from mouflow.domain.summaries import MouStatus
from mouflow.store.access_tables import PartyRow
from mouflow.store.mous import list_milestones
from mouflow.store.tables import MilestoneRow, MouPartyRow, MouRow


def list_feed_mous(*, session: Session, party_id: str) -> list[FeedMou]:
    """Every MoU the party is in, whatever its stage, with all its milestones: two queries in all."""
    member = MouPartyRow.party_id == party_id
    mous = session.scalars(select(MouRow).join(MouPartyRow, MouPartyRow.mou_id == MouRow.id).where(member))
    milestones = session.scalars(
        select(MilestoneRow)
        .join(MouPartyRow, MouPartyRow.mou_id == MilestoneRow.mou_id)
        .where(member)
        .order_by(MilestoneRow.term_number, MilestoneRow.due_date, MilestoneRow.milestone_id)
    )
    by_mou: dict[str, list[MilestoneRow]] = defaultdict(list)
    for milestone in milestones:
        by_mou[milestone.mou_id].append(milestone)
    names = party_names(session=session)
    return [to_feed_mou(row, by_mou[row.id], names) for row in sorted(mous, key=lambda row: row.id)]


def get_feed_mou(*, session: Session, row: MouRow) -> FeedMou:
    return to_feed_mou(row, list_milestones(session=session, mou_id=row.id), party_names(session=session))


def party_names(*, session: Session) -> dict[str, Bilingual]:
    # a few dozen registered parties at most: one read of the whole table beats one per MoU
    return {party.id: Bilingual(en=party.name_en, zh=party.name_zh) for party in session.scalars(select(PartyRow))}


def to_feed_mou(row: MouRow, milestones: Iterable[MilestoneRow], names: dict[str, Bilingual]) -> FeedMou:
    status = MouStatus.model_validate(row.status)
    return FeedMou(
        mou_id=row.id,
        title=Bilingual(en=row.title_en, zh=row.title_zh),
        stage=status.stage,
        executed=status.executed_version is not None,
        parties={party: names[party] for party in row.party_ids if party in names},
        ceremony=status.ceremony,
        ceremonies_scheduled=status.ceremonies_scheduled,
        closed_at=status.closure.at if status.closure else None,
        updated_at=row.updated_at,
        last_seq=row.last_seq,
        milestones=[to_feed_milestone(milestone) for milestone in milestones],
    )


def to_feed_milestone(row: MilestoneRow) -> FeedMilestone:
    return FeedMilestone(
        id=row.milestone_id,
        term_number=row.term_number,
        title=Bilingual(en=row.title_en, zh=row.title_zh),
        owner_party_id=row.owner_party_id,
        due_date=row.due_date,
        status=MilestoneStatus(row.status),
        overdue=row.overdue,
        confirmed=row.confirmed,
        last_seq=row.last_seq,
    )
