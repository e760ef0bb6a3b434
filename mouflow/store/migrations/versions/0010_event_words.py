"""event words

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 10:40:00.000000

What a person reads of an event (mouflow.domain.event_words), for a page to say in its own language; events
recorded before have none, and the pages show their English detail.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mou_events") as batch:
        batch.add_column(sa.Column("words", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mou_events") as batch:
        batch.drop_column("words")
