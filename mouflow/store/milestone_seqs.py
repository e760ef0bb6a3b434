"""Which transition last wrote each milestone's row, read back from the audit log for a rebuilt projection.

A milestone row's `last_seq` is the last transition that touched it (mouflow.domain.summaries
`touched_milestones`: every milestone of the term at an execution, a renewal or an amendment, else those
the events name). The workflow's state does not keep it, but the audit log keeps every transition's events,
and is never rebuilt, so the same rule applied to it gives the number back.
"""

from collections.abc import Iterable
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import Session

from mouflow.domain.enums import EventKind
from mouflow.domain.summaries import WHOLE_PLAN_EVENTS
from mouflow.store.audit_tables import AuditRow

MilestoneKey = tuple[int, str]  # (term number, milestone id), as the row's key has them
Entry = tuple[int, str, str | None]  # (seq, what, milestone id) of one event's audit entry
WHOLE_PLAN_VALUES = frozenset(kind.value for kind in WHOLE_PLAN_EVENTS)  # as the log spells them


def last_touches(*, session: Session, mou_id: str, keys: Iterable[MilestoneKey]) -> dict[MilestoneKey, int]:
    """The seq of the transition that last touched each of `keys`; a key the log never names is left out."""
    query = (
        select(AuditRow.seq, AuditRow.what, AuditRow.milestone_id)
        .where(AuditRow.mou_id == mou_id, AuditRow.seq.is_not(None))
        .order_by(AuditRow.seq, AuditRow.position)
    )
    entries = [(seq, what, milestone_id) for seq, what, milestone_id in session.execute(query) if seq is not None]
    return touches_of(entries, set(keys))


def touches_of(entries: list[Entry], keys: set[MilestoneKey]) -> dict[MilestoneKey, int]:
    """`entries` in seq order; a later touch replaces an earlier one, so each key keeps its last."""
    touched: dict[MilestoneKey, int] = {}
    term = 0  # the term the transition leaves the MoU in: 1 from the execution, one more at each renewal
    for seq, transition in groupby(entries, key=lambda entry: entry[0]):
        events = [(what, milestone_id) for _, what, milestone_id in transition]
        term = _term_after(term, [what for what, _ in events])
        named = {milestone_id for _, milestone_id in events if milestone_id}
        whole_plan = any(what in WHOLE_PLAN_VALUES for what, _ in events)
        touched |= {key: seq for key in keys if key[0] == term and (whole_plan or key[1] in named)}
    return touched


def _term_after(term: int, kinds: list[str]) -> int:
    if EventKind.EXECUTED.value in kinds:
        term = 1
    return term + kinds.count(EventKind.RENEWED.value)
