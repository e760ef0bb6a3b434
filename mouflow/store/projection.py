"""Writing one transition into the projection, exactly once however often it is retried."""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mouflow.domain.enums import EventKind
from mouflow.domain.state import DraftVersion, Milestone
from mouflow.domain.summaries import MilestoneKey, MouStatus
from mouflow.store.audit import append_events, transition_was_recorded
from mouflow.store.audit_tables import AuditRow
from mouflow.store.outbox import add_notifications
from mouflow.store.status_answers import MILESTONES, milestone_answers
from mouflow.store.tables import MilestoneRow, MouPartyRow, MouRow, VersionRow
from mouflow.transitions import RecordTransition


def record_transition(*, session: Session, transition: RecordTransition) -> bool:
    """Returns False when this (MoU, seq) was recorded before: a retry or a replayed activity."""
    mou_id = transition.summary.mou_id
    # attempts at one MoU's transitions take turns on its row from here, so an attempt retried while a slow
    # one was committing finds that one's rows instead of colliding with them
    row = session.get(MouRow, mou_id, with_for_update=True)
    if _recorded_before(session=session, mou_id=mou_id, row=row, seq=transition.seq):
        return False
    touched = bool(transition.milestones or transition.removed_milestones)
    kept = None if row is None or touched else row.status.get(MILESTONES)
    _upsert_mou(
        session=session, row=row, summary=transition.summary, workflow_id=transition.workflow_id, seq=transition.seq
    )
    if kept is not None:
        _complete_answer(session=session, mou_id=mou_id, kept=kept)  # before the flush: one UPDATE of the row
    session.flush()  # the MoU row must exist before rows that refer to it
    for version in transition.versions:
        _insert_version(session=session, mou_id=mou_id, version=version)
    for milestone in transition.milestones:
        _upsert_milestone(session=session, mou_id=mou_id, milestone=milestone, seq=transition.seq)
    for key in transition.removed_milestones:
        _delete_milestone(session=session, mou_id=mou_id, key=key, seq=transition.seq)
    if kept is None:
        _complete_answer(session=session, mou_id=mou_id, kept=None)
    # the outbox row commits with the transition or not at all: no event is told twice, none is lost
    add_notifications(session=session, transition=transition)
    # the events are the MoU's timeline and its audit entries at once, in the projection's transaction: an
    # answer from the API implies both the state and its audit
    append_events(
        session=session, workflow_id=transition.workflow_id, mou_id=mou_id, seq=transition.seq, events=transition.events
    )
    return True


def _upsert_mou(*, session: Session, row: MouRow | None, summary: MouStatus, workflow_id: str, seq: int) -> None:
    is_new = row is None
    if row is None:
        row = MouRow(id=summary.mou_id, workflow_id=workflow_id, last_seq=0)
        session.add(row)
    if seq < row.last_seq:
        return  # transitions can be recorded out of order; never overwrite a newer snapshot
    row.stage = summary.stage.value
    row.title_en, row.title_zh = summary.title_en, summary.title_zh
    row.owner_party_id, row.party_ids = summary.owner_party_id, summary.party_ids
    row.current_version, row.approved_version = summary.current_version, summary.approved_version
    row.executed_version, row.has_overdue = summary.executed_version, summary.has_overdue
    row.term_end, row.next_deadline = summary.term_end, summary.next_deadline
    row.last_seq, row.updated_at = seq, datetime.now(UTC)
    row.status = summary.model_dump(mode="json")
    if is_new:
        session.flush()  # no ORM relationship orders these inserts: the MoU row goes first
        session.add_all(MouPartyRow(mou_id=summary.mou_id, party_id=party_id) for party_id in summary.party_ids)


def _recorded_before(*, session: Session, mou_id: str, row: MouRow | None, seq: int) -> bool:
    # recording a transition leaves the row at its seq or a later one, so a seq past the row's is new: no query.
    # Without a row the log is asked all the same: the projection may have been emptied to be rebuilt.
    if row is not None and seq > row.last_seq:
        return False
    return transition_was_recorded(session=session, mou_id=mou_id, seq=seq)


def _complete_answer(*, session: Session, mou_id: str, kept: object) -> None:
    """The status JSON becomes `GET /mous/{id}`'s whole answer, milestones included, so that a read is one
    statement (mouflow/store/status_answers.py). `kept`: the answer's milestones as they were before this
    transition, when it changed none; otherwise (or for a row written before they were kept) they are read
    back, this transition's changes included."""
    row = session.get(MouRow, mou_id)  # in the session already: no query
    if row is None or (kept is not None and MILESTONES in row.status):
        return  # an older transition recorded late, which changed no milestone: the answer stands
    milestones = kept if kept is not None else milestone_answers(session=session, mou_id=mou_id)
    row.status = {**row.status, MILESTONES: milestones}


def _insert_version(*, session: Session, mou_id: str, version: DraftVersion) -> None:
    if session.get(VersionRow, (mou_id, version.number)) is not None:
        return  # versions never change once written
    session.add(version_row(mou_id, version))


def version_row(mou_id: str, version: DraftVersion) -> VersionRow:
    """One draft version as the projection keeps it; mouflow.store.rebuild writes it the same way."""
    return VersionRow(
        mou_id=mou_id,
        number=version.number,
        content=version.content.model_dump(mode="json"),
        author_name=version.author.name,
        author_party_id=version.author.party_id,
        created_at=version.created_at,
    )


def _upsert_milestone(*, session: Session, mou_id: str, milestone: Milestone, seq: int) -> None:
    key = (mou_id, milestone.term_number, milestone.id)
    row = session.get(MilestoneRow, key, with_for_update=True)
    if row is None and _removed_since(session=session, mou_id=mou_id, milestone_id=milestone.id, seq=seq):
        return  # an older transition recorded late: the milestone was removed after it
    if row is None:
        row = MilestoneRow(mou_id=mou_id, term_number=milestone.term_number, milestone_id=milestone.id, last_seq=0)
        session.add(row)
    if seq < row.last_seq:
        return
    row.title_en, row.title_zh = milestone.title.en, milestone.title.zh
    row.owner_party_id, row.due_date = milestone.owner_party_id, milestone.due_date
    row.status, row.overdue = milestone.status.value, milestone.is_overdue
    row.confirmed, row.last_seq = milestone.confirmed_by is not None, seq


def _removed_since(*, session: Session, mou_id: str, milestone_id: str, seq: int) -> bool:
    removal = select(AuditRow.id).where(
        AuditRow.mou_id == mou_id,
        AuditRow.what == EventKind.MILESTONE_REMOVED.value,
        AuditRow.milestone_id == milestone_id,
        AuditRow.seq > seq,
    )
    return session.scalar(removal.limit(1)) is not None


def _delete_milestone(*, session: Session, mou_id: str, key: MilestoneKey, seq: int) -> None:
    row = session.get(MilestoneRow, (mou_id, key.term_number, key.milestone_id), with_for_update=True)
    if row is not None and row.last_seq < seq:  # not a milestone added again under its id since
        session.delete(row)
