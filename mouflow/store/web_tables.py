"""Sign-in sessions of the web pages: the cookie's value is kept only as a hash."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from mouflow.store.tables import Base


class WebSessionRow(Base):
    __tablename__ = "web_sessions"

    # SHA-256 of the cookie: a copy of this table signs no one in
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))  # what the session's forms must send back
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)
