"""Sign-in sessions of the web pages: the cookie's value is kept only as a hash."""

from mouflow.store.tables import Base  # noqa: F401
