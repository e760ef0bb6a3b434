"""Webhooks, the notification outbox, deliveries and every delivery attempt."""

from mouflow.store.tables import Base  # noqa: F401
