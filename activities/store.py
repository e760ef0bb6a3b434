"""Activities that touch the database."""

from sqlalchemy.orm import Session, sessionmaker
from temporalio import activity

from activities.cancellation import uncancellable
from mouflow.store.db import session_scope
from mouflow.store.projection import record_transition
from mouflow.transitions import RecordTransition


class StoreActivities:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @activity.defn(name="store.record_transition")
    def record_transition(self, transition: RecordTransition) -> bool:
        # a timed-out attempt still commits or rolls back whole, and the retry finds what it did
        with uncancellable(), session_scope(self._sessions) as session:
            written = record_transition(session=session, transition=transition)
        activity.logger.info(
            "transition %s/%s %s", transition.workflow_id, transition.seq, "written" if written else "already recorded"
        )
        return written
