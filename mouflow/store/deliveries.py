"""Deliveries of notifications, one per webhook or user, and every attempt at each, as the activities record them."""

from datetime import UTC, datetime

from pydantic import BaseModel
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from mouflow.domain.enums import ReadingLanguage
from mouflow.domain.reading import reading_language
from mouflow.notify.audience import Audience, audience_of
from mouflow.notify.events import NotificationPayload, wanted_by
from mouflow.notify.models import Channel, DeliveryStatus, PlannedDelivery
from mouflow.store.access_tables import PartyRow, UserRow
from mouflow.store.notify_tables import DeliveryAttemptRow, DeliveryRow, NotificationRow, WebhookRow

PENDING = DeliveryStatus.PENDING.value


class DeliveryJob(BaseModel):
    """What one attempt needs: the payload, and the webhook's URL and secret or the user's address."""

    delivery_id: str
    payload: NotificationPayload
    url: str = ""
    secret: str = ""
    email: str = ""
    reads: ReadingLanguage | None = None  # the e-mail's reader's language (mouflow.domain.reading)
    party_names: dict[str, tuple[str, str]] = {}  # the MoU's parties (English, Chinese), for an e-mail's reader


class Attempt(BaseModel):
    delivery_id: str
    attempt: int
    at: datetime
    duration_ms: int
    status_code: int | None = None
    error: str | None = None
    outcome: DeliveryStatus  # delivered, failed (final), or pending (to be retried)


def delivery_id(notification_id: str, channel: Channel, target: str) -> str:
    return f"{notification_id}.{channel.value}.{target}"


def plan_deliveries(*, session: Session, notification_id: str, email_enabled: bool) -> list[PlannedDelivery]:
    """One delivery per matching webhook and per user with an address, in the notification's audience.
    Idempotent: a retried plan finds the rows it wrote."""
    notification = session.get(NotificationRow, notification_id)
    if notification is None:
        return []
    payload = NotificationPayload.model_validate(notification.payload)
    audience = audience_of(payload)
    targets = _webhook_targets(session, payload, audience)
    targets += _email_targets(session, audience) if email_enabled else []
    planned = [PlannedDelivery(delivery_id=delivery_id(notification_id, c, t), channel=c) for c, t in targets]
    for plan, (_, target) in zip(planned, targets, strict=True):
        if session.get(DeliveryRow, plan.delivery_id) is None:
            session.add(_new_delivery(plan, notification_id, target))
    session.flush()
    return planned


def _webhook_targets(
    session: Session, payload: NotificationPayload, audience: list[Audience]
) -> list[tuple[Channel, str]]:
    parties = [member.party_id for member in audience]
    query = select(WebhookRow).where(WebhookRow.party_id.in_(parties), WebhookRow.active.is_(True))
    rows = session.scalars(query.order_by(WebhookRow.id))
    return [(Channel.WEBHOOK, row.id) for row in rows if wanted_by(row.events, payload.type)]


def _email_targets(session: Session, audience: list[Audience]) -> list[tuple[Channel, str]]:
    if not audience:  # or_() of nothing is no condition at all, and SQLAlchemy warns of it
        return []
    members = [and_(UserRow.party_id == m.party_id, UserRow.role.in_(m.roles)) for m in audience]
    query = select(UserRow.id).where(or_(*members), UserRow.active.is_(True), UserRow.email.is_not(None))
    return [(Channel.EMAIL, user_id) for user_id in session.scalars(query.order_by(UserRow.id))]


def _new_delivery(plan: PlannedDelivery, notification_id: str, target: str) -> DeliveryRow:
    return DeliveryRow(
        id=plan.delivery_id,
        notification_id=notification_id,
        channel=plan.channel.value,
        target=target,
        status=PENDING,
        attempts=0,
        created_at=datetime.now(UTC),
    )


def start_delivery(*, session: Session, delivery_id: str) -> DeliveryJob | None:
    """None when there is nothing to send: delivered or failed already, or its target has gone (skipped)."""
    row = session.get(DeliveryRow, delivery_id, with_for_update=True)
    if row is None or row.status != PENDING:
        return None
    notification = session.get(NotificationRow, row.notification_id)
    job = _job(session, row, notification.payload) if notification else None
    if job is None:
        row.status, row.last_error = DeliveryStatus.SKIPPED.value, "the webhook or the user's address has gone"
    return job


def _job(session: Session, row: DeliveryRow, payload: dict[str, object]) -> DeliveryJob | None:
    job = DeliveryJob(delivery_id=row.id, payload=NotificationPayload.model_validate(payload))
    if row.channel == Channel.WEBHOOK.value:
        webhook = session.get(WebhookRow, row.target)
        return (
            job.model_copy(update={"url": webhook.url, "secret": webhook.secret})
            if webhook and webhook.active
            else None
        )
    user = session.get(UserRow, row.target)
    if user is None or not user.active or not user.email:
        return None
    party = session.get(PartyRow, user.party_id)
    reads = reading_language(user.language, party.language if party else None)
    return job.model_copy(update={"email": user.email, "reads": reads, "party_names": _names(session, job.payload)})


def _names(session: Session, payload: NotificationPayload) -> dict[str, tuple[str, str]]:
    parties = session.scalars(select(PartyRow).where(PartyRow.id.in_(payload.mou.party_ids))).all()
    return {party.id: (party.name_en, party.name_zh) for party in parties}


def record_attempt(*, session: Session, attempt: Attempt) -> None:
    """In a transaction of its own, before the activity returns or raises: every attempt is kept."""
    # the delivery first: inserting the attempt takes a share lock on it, and taking that before this
    # lock would let two overlapping attempts of one delivery deadlock on PostgreSQL
    row = session.get(DeliveryRow, attempt.delivery_id, with_for_update=True)
    session.merge(
        DeliveryAttemptRow(
            delivery_id=attempt.delivery_id,
            attempt=attempt.attempt,
            at=attempt.at,
            status_code=attempt.status_code,
            error=attempt.error,
            duration_ms=attempt.duration_ms,
        )
    )
    if row is None:
        return
    if attempt.attempt >= row.attempts:  # a late report of an earlier attempt does not hide a newer one
        row.attempts, row.last_error = attempt.attempt, attempt.error
    if row.status == PENDING and attempt.outcome is not DeliveryStatus.PENDING:
        row.status = attempt.outcome.value
        row.delivered_at = attempt.at if attempt.outcome is DeliveryStatus.DELIVERED else None


def mark_failed(*, session: Session, delivery_id: str, error: str) -> None:
    """After the last retry; a delivery that succeeded or was skipped meanwhile keeps its status."""
    row = session.get(DeliveryRow, delivery_id, with_for_update=True)
    if row is not None and row.status == PENDING:
        row.status, row.last_error = DeliveryStatus.FAILED.value, error
