"""reading languages

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 10:20:00.000000

The language a party's users read by default, and a user's own where it differs: None leaves it to the
browser (or the party).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("parties", "users"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("language", sa.String(length=16), nullable=True))


def downgrade() -> None:
    for table in ("parties", "users"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("language")
