"""Every table's module, imported once, so the metadata that Alembic compares against is complete."""

from mouflow.store import access_tables, audit_tables, idempotency, tables

metadata = tables.Base.metadata
__all__ = ["access_tables", "audit_tables", "idempotency", "metadata"]
