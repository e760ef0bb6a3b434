"""Webhooks, the notification outbox, deliveries and every delivery attempt."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mouflow.store.tables import Base

ID_LENGTH = 200  # a delivery id is the notification id (MoU id, seq, position) and its target's id


class WebhookRow(Base):
    __tablename__ = "webhooks"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    party_id: Mapped[str] = mapped_column(ForeignKey("parties.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    # kept in the clear: we sign with it, so unlike a bearer token it cannot be stored as a hash
    secret: Mapped[str] = mapped_column(String(500))  # sealed (mouflow.sealed_secrets)
    events: Mapped[list[str]] = mapped_column(JSON)  # notification types; empty means every type
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(40))


class NotificationRow(Base):
    """The outbox: written in the transaction that records the transition, dispatched afterwards."""

    __tablename__ = "notifications"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    mou_id: Mapped[str] = mapped_column(ForeignKey("mous.id"), index=True)
    seq: Mapped[int]
    type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    dispatched_at: Mapped[datetime | None] = mapped_column(index=True)


class DeliveryRow(Base):
    """One notification to one webhook or one user's mailbox."""

    __tablename__ = "deliveries"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    notification_id: Mapped[str] = mapped_column(ForeignKey("notifications.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))  # webhook | email
    target: Mapped[str] = mapped_column(String(40), index=True)  # the webhook's id or the user's id
    status: Mapped[str] = mapped_column(String(10))  # pending | delivered | failed | skipped
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]


class DeliveryAttemptRow(Base):
    __tablename__ = "delivery_attempts"

    delivery_id: Mapped[str] = mapped_column(ForeignKey("deliveries.id"), primary_key=True)
    attempt: Mapped[int] = mapped_column(primary_key=True)  # Temporal's attempt number, from 1
    at: Mapped[datetime]
    status_code: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)
    duration_ms: Mapped[int]
