"""Who may use mouflow: the registered parties and their users. Tokens are kept only as hashes."""

from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column

from mouflow.domain.enums import Role
from mouflow.store.tables import Base


class PartyRow(Base):
    __tablename__ = "parties"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(500))
    name_zh: Mapped[str] = mapped_column(String(500))
    wants_simplified_copy: Mapped[bool]
    # a Hong Kong agency owns (starts) MoUs; partner regions review and sign the ones they are party to
    owns_mous: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime]
    # what its users read by default (a ReadingLanguage); None: each browser's own
    language: Mapped[str | None] = mapped_column(String(16), default=None)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    party_id: Mapped[str] = mapped_column(ForeignKey("parties.id"), index=True)
    # stored as the plain value ("officer"), not a database enum type: adding a role needs no migration
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=20, values_callable=lambda roles: [role.value for role in roles])
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    active: Mapped[bool] = mapped_column(default=True)
    email: Mapped[str | None] = mapped_column(String(320))  # where notifications go; None receives none
    language: Mapped[str | None] = mapped_column(String(16), default=None)  # None: the party's
