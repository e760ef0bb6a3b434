"""Every table's module, imported once, so the metadata that Alembic compares against is complete."""

from mouflow.store import access_tables, audit_tables, calendar_tables, idempotency, notify_tables, tables, web_tables

metadata = tables.Base.metadata
__all__ = ["access_tables", "audit_tables", "calendar_tables", "idempotency", "metadata", "notify_tables", "web_tables"]
