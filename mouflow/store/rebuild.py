"""One MoU's projection rows written again from its workflow's state: `mous`, `mou_parties`, `mou_versions`
and `mou_milestones`, as the transitions wrote them (mouflow.store.projection), which a test holds them to.

The audit log is not a projection and is never touched; it is read, for the milestones' `last_seq`
(mouflow.store.milestone_seqs). What cannot come back is `mous.updated_at`, the time a row was written:
a rebuilt row has the time of the rebuild.
"""

from datetime import UTC, datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from mouflow.domain.state import Milestone, MouState
from mouflow.domain.summaries import describe
from mouflow.store.milestone_seqs import last_touches
from mouflow.store.projection import version_row
from mouflow.store.status_answers import MILESTONES, milestone_answers
from mouflow.store.tables import MilestoneRow, MouPartyRow, MouRow, VersionRow


def rebuild_mou(*, session: Session, workflow_id: str, state: MouState) -> bool:
    """Returns False, changing nothing, when the store holds a newer transition than `state`."""
    row = session.get(MouRow, state.mou_id, with_for_update=True)  # a transition being recorded waits for us
    if row is not None and row.last_seq > state.seq:
        return False
    if row is None:
        row = MouRow(id=state.mou_id, workflow_id=workflow_id)
        session.add(row)
    _fill_mou(row, state)
    for table in (MouPartyRow, VersionRow, MilestoneRow):
        session.execute(delete(table).where(table.mou_id == state.mou_id))
    session.flush()  # the MoU row before the rows that refer to it, the old rows gone before the new ones
    session.add_all(MouPartyRow(mou_id=state.mou_id, party_id=party_id) for party_id in state.party_ids)
    session.add_all(version_row(state.mou_id, version) for version in state.versions)
    session.add_all(_milestone_rows(session=session, state=state))
    session.flush()
    row.status = {**row.status, MILESTONES: milestone_answers(session=session, mou_id=state.mou_id)}
    return True


def _fill_mou(row: MouRow, state: MouState) -> None:
    status = describe(state)
    row.stage, row.title_en, row.title_zh = status.stage.value, status.title_en, status.title_zh
    row.owner_party_id, row.party_ids = status.owner_party_id, status.party_ids
    row.current_version, row.approved_version = status.current_version, status.approved_version
    row.executed_version, row.has_overdue = status.executed_version, status.has_overdue
    row.term_end, row.next_deadline = status.term_end, status.next_deadline
    row.last_seq, row.updated_at = state.seq, datetime.now(UTC)
    row.status = status.model_dump(mode="json")


def _milestone_rows(*, session: Session, state: MouState) -> list[MilestoneRow]:
    milestones = every_milestone(state)
    keys = [(milestone.term_number, milestone.id) for milestone in milestones]
    touched = last_touches(session=session, mou_id=state.mou_id, keys=keys)
    # without the log (lost with the rows), the state's own seq: no lower than the original, which is what the
    # calendars' SEQUENCE and the projection's checks for transitions recorded late need
    return [_milestone_row(state.mou_id, m, touched.get((m.term_number, m.id), state.seq)) for m in milestones]


def _milestone_row(mou_id: str, milestone: Milestone, seq: int) -> MilestoneRow:
    return MilestoneRow(
        mou_id=mou_id,
        term_number=milestone.term_number,
        milestone_id=milestone.id,
        title_en=milestone.title.en,
        title_zh=milestone.title.zh,
        owner_party_id=milestone.owner_party_id,
        due_date=milestone.due_date,
        status=milestone.status.value,
        overdue=milestone.is_overdue,
        confirmed=milestone.confirmed_by is not None,
        last_seq=seq,
    )


def every_milestone(state: MouState) -> list[Milestone]:
    """The current term's milestones and those archived with past terms: each keeps its row."""
    archived = [milestone for term in state.terms for milestone in term.past_milestones]
    return [*archived, *state.milestones]
