"""Each party's webhook subscriptions, and the deliveries made to them."""

import secrets
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mouflow.notify.models import Channel
from mouflow.sealed_secrets import Sealer, is_sealed
from mouflow.store.notify_tables import DeliveryAttemptRow, DeliveryRow, NotificationRow, WebhookRow

SECRET_PREFIX = "whsec_"  # recognisable in a leak, like the bearer tokens' mf_


def create_webhook(
    *, session: Session, sealer: Sealer, party_id: str, url: str, events: Sequence[str], created_by: str
) -> tuple[WebhookRow, str]:
    """The row, its secret sealed, and the secret itself, which the party is shown once."""
    secret = new_secret()
    row = WebhookRow(
        id=f"wh-{secrets.token_hex(8)}",
        party_id=party_id,
        url=url,
        secret=sealer.seal(secret),
        events=sorted(set(events)),
        active=True,
        created_at=datetime.now(UTC),
        created_by=created_by,
    )
    session.add(row)
    session.flush()
    return row, secret


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def rotate_secret(*, session: Session, sealer: Sealer, row: WebhookRow) -> str:
    """A new secret at once: deliveries from now on are signed with it, the old one no longer checks."""
    secret = new_secret()
    row.secret = sealer.seal(secret)
    session.flush()
    return secret


def seal_clear_secrets(*, session: Session, sealer: Sealer) -> int:
    """Seals each secret stored in clear before sealing existed; returns how many. Run at every start."""
    clear = [row for row in session.scalars(select(WebhookRow)) if not is_sealed(row.secret)]
    for row in clear:
        row.secret = sealer.seal(row.secret)
    session.flush()
    return len(clear)


def list_webhooks(*, session: Session, party_id: str) -> list[WebhookRow]:
    query = select(WebhookRow).where(WebhookRow.party_id == party_id, WebhookRow.active.is_(True))
    return list(session.scalars(query.order_by(WebhookRow.created_at, WebhookRow.id)))


def get_webhook(*, session: Session, party_id: str, webhook_id: str) -> WebhookRow | None:
    """None for another party's webhook too: a party cannot tell it from one that does not exist."""
    row = session.get(WebhookRow, webhook_id)
    return row if row is not None and row.party_id == party_id else None


def deactivate_webhook(*, session: Session, row: WebhookRow) -> None:
    # kept, not deleted: its deliveries and their attempts still refer to it
    row.active = False
    session.flush()


def recent_deliveries(
    *, session: Session, webhook_id: str, limit: int = 50
) -> list[tuple[DeliveryRow, NotificationRow, list[DeliveryAttemptRow]]]:
    """Newest first, each with its notification and its attempts in order."""
    query = (
        select(DeliveryRow, NotificationRow)
        .join(NotificationRow, NotificationRow.id == DeliveryRow.notification_id)
        .where(DeliveryRow.channel == Channel.WEBHOOK.value, DeliveryRow.target == webhook_id)
        .order_by(DeliveryRow.created_at.desc(), DeliveryRow.id.desc())
        .limit(limit)
    )
    pairs = [(delivery, notification) for delivery, notification in session.execute(query)]
    attempts = _attempts(session, [delivery.id for delivery, _ in pairs])
    return [(delivery, notification, attempts.get(delivery.id, [])) for delivery, notification in pairs]


def _attempts(session: Session, delivery_ids: list[str]) -> dict[str, list[DeliveryAttemptRow]]:
    query = select(DeliveryAttemptRow).where(DeliveryAttemptRow.delivery_id.in_(delivery_ids))
    found: dict[str, list[DeliveryAttemptRow]] = {}
    for row in session.scalars(query.order_by(DeliveryAttemptRow.delivery_id, DeliveryAttemptRow.attempt)):
        found.setdefault(row.delivery_id, []).append(row)
    return found
