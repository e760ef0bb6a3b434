"""web sessions

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 04:15:00.000000

Sign-in sessions of the web pages, stored as SHA-256, with their CSRF secret.
"""

from collections.abc import Sequence

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
