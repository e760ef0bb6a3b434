"""sealed webhook secrets

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 15:45:00.000000

A webhook's secret is kept sealed (mouflow.sealed_secrets): a Fernet token, longer than the secret itself.
The worker seals the secrets an older release stored in clear when it starts; they are read either way.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("webhooks") as batch:
        batch.alter_column("secret", type_=sa.String(500), existing_type=sa.String(100), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("webhooks") as batch:
        batch.alter_column("secret", type_=sa.String(100), existing_type=sa.String(500), existing_nullable=False)
