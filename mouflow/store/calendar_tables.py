"""Per-party iCalendar feeds: each has a token of its own, kept only as a hash."""

from mouflow.store.tables import Base  # noqa: F401
