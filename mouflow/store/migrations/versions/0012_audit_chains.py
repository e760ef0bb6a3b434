"""one audit log, chained per MoU and keyed

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 02:00:00.000000

`mou_events` and `audit_log` held the same events under the same key: the log now holds the timeline's
words too, and `mou_events` goes. The one chain every writer waited on becomes a chain per MoU (and one for
actions on no MoU), each with its head in `audit_heads`, all registered in the anchor (mouflow.store.
audit_anchor). The hashes become HMACs under the audit key (mouflow.audit_key).

Entries written before are checked against their old SHA-256 chain first: a log that no longer verifies is
not re-keyed, since that would vouch for whatever was altered. Then each is re-hashed into its MoU's chain,
in the order it was written. This needs the audit key, passed by mouflow.store.migrate.create_schema.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from mouflow.store.audit_hashes import AUDIT_KEY, HASHED_FIELDS, anchor_mac, anchored_mac, entry_hash, head_mac, utc

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS_HASH = "0" * 64
SYSTEM_CHAIN = ""
# the fields the unkeyed SHA-256 chain covered, as it stood until this migration
OLD_HASHED_FIELDS = (
    "at", "mou_id", "workflow_id", "seq", "position", "what",
    "actor_user_id", "actor_name", "actor_party_id", "actor_role",
    "version", "milestone_id", "party_id", "request_id", "detail", "prev_hash",
)  # fmt: skip
REKEY_BATCH = 1_000

log_table = sa.table(
    "audit_log",
    *(sa.column(name) for name in {*OLD_HASHED_FIELDS, *HASHED_FIELDS, "id", "hash"} - {"words", "at"}),
    sa.column("words", sa.JSON()),
    sa.column("at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("chain", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("chain_seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("words", sa.JSON(), nullable=True))
    op.execute(
        "UPDATE audit_log SET words = (SELECT e.words FROM mou_events e WHERE e.mou_id = audit_log.mou_id"
        " AND e.seq = audit_log.seq AND e.position = audit_log.position) WHERE seq IS NOT NULL"
    )
    _create_chain_tables()
    _rekey(op.get_bind(), _audit_key())
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("chain", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("chain_seq", existing_type=sa.Integer(), nullable=False)
        batch.create_unique_constraint("uq_audit_log_chain_chain_seq", ["chain", "chain_seq"])
        batch.create_index("ix_audit_log_at", ["at"], unique=False)
    _ids_from_a_sequence()
    op.drop_table("audit_head")
    op.drop_table("mou_events")


def _audit_key() -> bytes | None:
    config = op.get_context().config
    return config.attributes.get(AUDIT_KEY) if config is not None else None


def downgrade() -> None:
    raise NotImplementedError("0012 re-keyed the audit log: restore the backup taken before upgrading instead")


def _create_chain_tables() -> None:
    op.create_table(
        "audit_heads",
        sa.Column("chain", sa.String(length=64), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("began_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("chain"),
    )
    op.create_table(
        "audit_anchored",
        sa.Column("chain", sa.String(length=64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("previous_chain", sa.String(length=64), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("chain"),
        sa.UniqueConstraint("number"),
    )
    op.create_table(
        "audit_anchor",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("chains", sa.Integer(), nullable=False),
        sa.Column("last_chain", sa.String(length=64), nullable=True),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def _ids_from_a_sequence() -> None:
    """Ids came from the locked head; now the database hands them out. SQLite's INTEGER PRIMARY KEY does."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE SEQUENCE audit_log_id_seq OWNED BY audit_log.id")
    op.execute("SELECT setval('audit_log_id_seq', COALESCE((SELECT MAX(id) FROM audit_log), 0) + 1, false)")
    op.execute("ALTER TABLE audit_log ALTER COLUMN id SET DEFAULT nextval('audit_log_id_seq')")


def _rekey(bind: sa.Connection, key: bytes | None) -> None:
    entries = [dict(row) for row in bind.execute(sa.select(log_table).order_by(log_table.c.id)).mappings()]
    _check_old_tail(bind, entries)
    if not entries:
        return
    if not key:
        raise RuntimeError("migration 0012 re-keys the audit log and needs its key: create_schema(…, audit_key=…)")
    _check_old_chain(entries)
    heads: dict[str, tuple[int, str]] = {}
    for entry in entries:
        chain = entry["mou_id"] or SYSTEM_CHAIN
        seq, previous = heads.get(chain, (0, GENESIS_HASH))
        entry.update(chain=chain, chain_seq=seq + 1, prev_hash=previous)
        entry["hash"] = entry_hash(key, entry)
        heads[chain] = (seq + 1, entry["hash"])
    for start in range(0, len(entries), REKEY_BATCH):
        _write_rekeyed(bind, entries[start : start + REKEY_BATCH])
    _write_heads_and_register(bind, key, heads)


def _check_old_tail(bind: sa.Connection, entries: list[dict[str, Any]]) -> None:
    """The old head named the newest entry: entries removed from the end show only here."""
    head = bind.execute(sa.text("SELECT last_id, last_hash FROM audit_head WHERE id = 1")).first()
    last = (entries[-1]["id"], entries[-1]["hash"]) if entries else (0, GENESIS_HASH)
    if head is not None and (head.last_id, head.last_hash) != last:
        raise RuntimeError(
            f"the audit log does not verify: audit_head names entry {head.last_id} as the newest, but the log ends "
            f"at {last[0]}: its newest entries were removed or replaced, so it is not re-keyed"
        )


def _check_old_chain(entries: Iterable[Mapping[str, Any]]) -> None:
    previous = GENESIS_HASH
    for entry in entries:
        fields = {name: _old_canonical(entry[name]) for name in OLD_HASHED_FIELDS}
        text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        if entry["prev_hash"] != previous or hashlib.sha256(text.encode()).hexdigest() != entry["hash"]:
            raise RuntimeError(
                f"the audit log does not verify at entry {entry['id']}: it was altered, so it is not re-keyed; "
                "look into it, then restore a backup or upgrade from a log that verifies"
            )
        previous = entry["hash"]


def _old_canonical(value: object) -> object:
    return utc(value).isoformat() if isinstance(value, datetime) else value


def _write_rekeyed(bind: sa.Connection, entries: list[dict[str, Any]]) -> None:
    changes = [
        {
            "entry_id": e["id"],
            "chain": e["chain"],
            "chain_seq": e["chain_seq"],
            "prev": e["prev_hash"],
            "new": e["hash"],
        }
        for e in entries
    ]
    statement = (
        sa.update(log_table)
        .where(log_table.c.id == sa.bindparam("entry_id"))
        .values(
            chain=sa.bindparam("chain"),
            chain_seq=sa.bindparam("chain_seq"),
            prev_hash=sa.bindparam("prev"),
            hash=sa.bindparam("new"),
        )
    )
    bind.execute(statement, changes)


def _write_heads_and_register(bind: sa.Connection, key: bytes, heads: dict[str, tuple[int, str]]) -> None:
    """Each chain's head, and the anchor with every chain registered in the order it began (dicts keep it)."""
    head_rows, anchored_rows, previous, now = [], [], None, datetime.now(UTC)
    for number, (chain, (seq, last)) in enumerate(heads.items(), start=1):
        mac = head_mac(key, chain=chain, seq=seq, hash=last, began_at=now)
        head_rows.append({"chain": chain, "last_seq": seq, "last_hash": last, "began_at": now, "mac": mac})
        mac = anchored_mac(key, chain=chain, number=number, previous_chain=previous, seq=seq, hash=last)
        anchored_rows.append(
            {"chain": chain, "number": number, "previous_chain": previous, "seq": seq, "hash": last, "mac": mac}
        )
        previous = chain
    head_table = sa.table(
        "audit_heads",
        *map(sa.column, ("chain", "last_seq", "last_hash", "mac")),
        sa.column("began_at", sa.DateTime(timezone=True)),
    )
    bind.execute(sa.insert(head_table), head_rows)
    registered = _table("audit_anchored", "chain", "number", "previous_chain", "seq", "hash", "mac")
    bind.execute(sa.insert(registered), anchored_rows)
    anchor = {"id": 1, "number": 1, "at": now, "chains": len(heads), "last_chain": previous}
    anchor["mac"] = anchor_mac(key, number=1, at=now, chains=len(heads), last_chain=previous)
    anchor_table = sa.table(
        "audit_anchor",
        *map(sa.column, ("id", "number", "chains", "last_chain", "mac")),
        sa.column("at", sa.DateTime(timezone=True)),
    )
    bind.execute(sa.insert(anchor_table), [anchor])


def _table(name: str, *columns: str) -> sa.TableClause:
    return sa.table(name, *map(sa.column, columns))
