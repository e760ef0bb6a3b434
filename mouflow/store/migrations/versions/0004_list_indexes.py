"""indexes for filtered, keyset-paged MoU lists

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 02:10:00.000000

(stage, id), (has_overdue, id) and (party_id, mou_id) replace the one-column indexes on stage,
has_overdue and party_id: a page of `GET /mous` walks one of them in id order and stops after the
page, instead of sorting or filtering every matching row (bench/growth.py).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mous", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mous_stage"))
        batch_op.drop_index(batch_op.f("ix_mous_has_overdue"))
        batch_op.create_index("ix_mous_stage_id", ["stage", "id"], unique=False)
        batch_op.create_index("ix_mous_has_overdue_id", ["has_overdue", "id"], unique=False)
    with op.batch_alter_table("mou_parties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mou_parties_party_id"))
        batch_op.create_index("ix_mou_parties_party_id_mou_id", ["party_id", "mou_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("mou_parties", schema=None) as batch_op:
        batch_op.drop_index("ix_mou_parties_party_id_mou_id")
        batch_op.create_index(batch_op.f("ix_mou_parties_party_id"), ["party_id"], unique=False)
    with op.batch_alter_table("mous", schema=None) as batch_op:
        batch_op.drop_index("ix_mous_has_overdue_id")
        batch_op.drop_index("ix_mous_stage_id")
        batch_op.create_index(batch_op.f("ix_mous_has_overdue"), ["has_overdue"], unique=False)
        batch_op.create_index(batch_op.f("ix_mous_stage"), ["stage"], unique=False)
