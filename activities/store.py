"""Activities that touch the database."""

from sqlalchemy.orm import Session, sessionmaker
from temporalio import activity

from activities.cancellation import uncancellable
from mouflow.metrics import storing
from mouflow.notify.models import MarkFailed, PlanDeliveries, PlannedDelivery
from mouflow.store import deliveries
from mouflow.store.db import session_scope
from mouflow.store.projection import record_transition
from mouflow.transitions import RecordTransition


class StoreActivities:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @activity.defn(name="store.record_transition")
    def record_transition(self, transition: RecordTransition) -> bool:
        # a timed-out attempt still commits or rolls back whole, and the retry finds what it did
        with storing() as outcome, uncancellable(), session_scope(self._sessions) as session:
            written = record_transition(session=session, transition=transition)
            outcome.value = "written" if written else "already_recorded"
        activity.logger.info(
            "transition %s/%s %s", transition.workflow_id, transition.seq, "written" if written else "already recorded"
        )
        return written


class DeliveryStoreActivities:
    """Planning notifications' deliveries, and giving one up after its last retry."""

    def __init__(self, sessions: sessionmaker[Session], *, email_enabled: bool) -> None:
        self._sessions, self._email_enabled = sessions, email_enabled

    @activity.defn(name="notify.plan")
    def plan(self, request: PlanDeliveries) -> list[PlannedDelivery]:
        with session_scope(self._sessions) as session:
            return deliveries.plan_deliveries(
                session=session, notification_id=request.notification_id, email_enabled=self._email_enabled
            )

    @activity.defn(name="notify.mark_failed")
    def mark_failed(self, request: MarkFailed) -> None:
        with session_scope(self._sessions) as session:
            deliveries.mark_failed(session=session, delivery_id=request.delivery_id, error=request.error)
