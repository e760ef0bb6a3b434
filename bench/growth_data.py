"""Many MoUs straight into the projection tables, for bench/growth.py: bulk inserts, not workflows.

40 parties (8 Hong Kong agencies that own MoUs, 32 partner regions); each MoU has an owner and one to
three partners, a stage drawn from a mix where most MoUs are in force or closed, an overdue flag on one
in twenty of those in force, bilingual titles on one of 30 topics, and a status JSON of about 1.5 KB.
Ids are `<owner>-<random hex>` as `POST /mous` makes them, so new MoUs land all over the id order.
"""

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert

from mouflow.store.access_tables import PartyRow
from mouflow.store.tables import MouPartyRow, MouRow

AGENCIES = [(f"agency-{n:02d}", f"Hong Kong Agency {n}", f"香港機構{n}") for n in range(1, 9)]
REGIONS = [(f"region-{n:02d}", f"Partner Region {n}", f"合作地區{n}") for n in range(1, 33)]
TOPICS = [
    ("Talent", "人才"), ("Healthcare", "醫療"), ("Education", "教育"), ("Innovation", "創新"), ("Finance", "金融"),
    ("Logistics", "物流"), ("Tourism", "旅遊"), ("Culture", "文化"), ("Sports", "體育"), ("Youth", "青年"),
    ("Employment", "就業"), ("Research", "研究"), ("Aviation", "航空"), ("Maritime", "海事"), ("Legal", "法律"),
    ("Environment", "環境"), ("Energy", "能源"), ("Trade", "貿易"), ("Customs", "海關"), ("Housing", "房屋"),
    ("Transport", "運輸"), ("Heritage", "文物"), ("Design", "設計"), ("Film", "電影"), ("Agriculture", "農業"),
    ("Water Supply", "供水"), ("Data Exchange", "數據交換"), ("Elderly Care", "安老"), ("Arts", "藝術"),
    ("Professional Services", "專業服務"),
]  # fmt: skip
STAGES = [
    ("drafting", 8), ("in_review", 4), ("ready_to_sign", 2), ("signed", 1),
    ("in_force", 55), ("expired", 20), ("withdrawn", 5), ("terminated", 5),
]  # fmt: skip
BATCH = 5_000
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def load_parties(engine: Engine) -> None:
    rows = [_party(party, owns_mous=True) for party in AGENCIES] + [_party(p, owns_mous=False) for p in REGIONS]
    with engine.begin() as connection:
        connection.execute(insert(PartyRow), rows)


def _party(party: tuple[str, str, str], owns_mous: bool) -> dict[str, object]:
    party_id, name_en, name_zh = party
    return {
        "id": party_id,
        "name_en": name_en,
        "name_zh": name_zh,
        "wants_simplified_copy": not owns_mous,
        "owns_mous": owns_mous,
        "created_at": NOW,
    }


def load_mous(engine: Engine, count: int, rng: random.Random) -> None:
    for start in range(0, count, BATCH):
        mous = [_mou(rng) for _ in range(min(BATCH, count - start))]
        members = [{"mou_id": mou["id"], "party_id": party} for mou in mous for party in mou["party_ids"]]  # type: ignore[attr-defined]
        with engine.begin() as connection:
            connection.execute(insert(MouRow), mous)
            connection.execute(insert(MouPartyRow), members)


def _mou(rng: random.Random) -> dict[str, object]:
    owner = rng.choice(AGENCIES)
    partners = rng.sample(REGIONS, rng.choice((1, 1, 2, 3)))
    topic_en, topic_zh = rng.choice(TOPICS)
    stage = rng.choices([s for s, _ in STAGES], weights=[w for _, w in STAGES])[0]
    mou_id = f"{owner[0]}-{rng.getrandbits(40):010x}"
    party_ids = [owner[0], *(partner[0] for partner in partners)]
    title_en = f"Memorandum of Understanding on {topic_en} Cooperation between {owner[1]} and {partners[0][1]}"
    title_zh = f"{owner[2]}與{partners[0][2]}{topic_zh}合作諒解備忘錄"
    in_force = stage == "in_force"
    return {
        "id": mou_id,
        "workflow_id": f"mou-{mou_id}",
        "stage": stage,
        "title_en": title_en,
        "title_zh": title_zh,
        "owner_party_id": owner[0],
        "party_ids": party_ids,
        "current_version": rng.randint(1, 4),
        "approved_version": 1 if in_force else None,
        "executed_version": 1 if in_force else None,
        "has_overdue": in_force and rng.random() < 0.05,
        "term_end": date(2028, 6, 3) if in_force else None,
        "next_deadline": NOW + timedelta(days=rng.randint(1, 400)) if in_force else None,
        "last_seq": 12,
        "updated_at": NOW - timedelta(minutes=rng.randint(0, 500_000)),
        "status": _status(mou_id, stage, title_en, title_zh, party_ids),
    }


def _status(mou_id: str, stage: str, title_en: str, title_zh: str, party_ids: list[str]) -> dict[str, object]:
    """The shape and about the size of a real status; the list route never reads it, but it weighs on scans."""
    version = {"number": 1, "author_name": "Officer of the owner", "author_party_id": party_ids[0]}
    return {
        "mou_id": mou_id,
        "stage": stage,
        "title_en": title_en,
        "title_zh": title_zh,
        "party_ids": party_ids,
        "versions": [{**version, "created_at": NOW.isoformat()}] * 3,
        "signatures": [
            {"party_id": party, "signatory": {"name_en": "Director", "title_en": "Director"}} for party in party_ids
        ],
        "awaiting_review": [],
        "signed_by": party_ids,
        "seq": 12,
    }
