"""Per-party iCalendar feeds: each has a token of its own, kept only as a hash."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from mouflow.store.tables import Base


class CalendarFeedRow(Base):
    """One feed per party: issuing a new token replaces the row, so the old URL stops working at once."""

    __tablename__ = "calendar_feeds"

    party_id: Mapped[str] = mapped_column(ForeignKey("parties.id"), primary_key=True)
    # SHA-256 of the clear token, which is shown once and never stored (as for users' API tokens)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(40))  # the user id; kept if the user is deactivated
