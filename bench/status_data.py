"""The data a status read finds: the symposium parties, a viewer per party, and MoUs in force.

Each MoU goes through the domain (start, submit, three approvals, the ceremony, three signatures) and
every transition is recorded by the projection writer the worker uses, so the rows, the status JSON
and the milestones are what production writes: bilingual titles, three versions of history, six
milestones over a three-year term.
"""

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from mouflow.demo import HKTE, HKTE_SIGNATORY, NANSHA, QIANHAI, SECRETARY_FOR_LABOUR, officer, symposium_mou
from mouflow.domain import drafting, review, signatures
from mouflow.domain.actions import Review, ScheduleCeremony, Sign, Signatory, StartMou, Submit
from mouflow.domain.content import Bilingual, MilestonePlanItem
from mouflow.domain.enums import ReviewDecision, Role
from mouflow.domain.rules import CURRENT_RULES
from mouflow.domain.state import Event, MouState
from mouflow.store.db import session_scope
from mouflow.store.parties import create_party
from mouflow.store.projection import record_transition
from mouflow.store.users import create_user
from mouflow.transitions import transition_of

T0 = datetime(2025, 6, 3, 2, 0, tzinfo=UTC)  # the symposium; the MoUs are in force by the time of the run
PARTIES = (HKTE, QIANHAI, NANSHA)
EXTRA_MILESTONES = [
    ("talent-exchange-visit", "Talent exchange visit", "人才交流訪問", 9),
    ("youth-internship-scheme", "Youth internship scheme", "青年實習計劃", 18),
    ("mid-term-review", "Mid-term review", "中期檢討", 24),
]


def load_parties_and_viewer(sessions: sessionmaker[Session]) -> str:
    """The three parties and a Qianhai viewer, who sees the MoUs Qianhai is party to; returns its token."""
    with session_scope(sessions) as session:
        for party in PARTIES:
            create_party(session=session, party=party, owns_mous=party is HKTE)
        session.flush()
        _, token = create_user(session=session, name="Qianhai viewer", party_id=QIANHAI.id, role=Role.VIEWER)
    return token


def load_mous(sessions: sessionmaker[Session], count: int) -> list[str]:
    ids = [f"bench-mou-{n:04d}" for n in range(count)]
    for mou_id in ids:
        _record_life(sessions, mou_id)
    return ids


def _record_life(sessions: sessionmaker[Session], mou_id: str) -> None:
    state, events = drafting.start_mou(_start(mou_id), T0, CURRENT_RULES)
    _record(sessions, state, events)
    _record(sessions, state, drafting.apply_submit(state, Submit(actor=officer(HKTE), version=1), T0))
    for party in PARTIES:
        approve = Review(actor=officer(party), version=1, decision=ReviewDecision.APPROVE)
        _record(sessions, state, review.apply_review(state, approve, T0))
    venue = Bilingual(en="Hong Kong Convention and Exhibition Centre", zh="香港會議展覽中心")
    ceremony = ScheduleCeremony(
        actor=officer(HKTE), starts_at=T0 + timedelta(days=1), venue=venue, witnesses=[SECRETARY_FOR_LABOUR]
    )
    _record(sessions, state, signatures.apply_ceremony(state, ceremony, T0))
    for party in PARTIES:  # at the ceremony, from its start
        signatory = HKTE_SIGNATORY if party is HKTE else Signatory(name_en=f"{party.name.en} head", title_en="Director")
        sign = Sign(actor=officer(party), version=1, signatory=signatory)
        _record(sessions, state, signatures.apply_sign(state, sign, ceremony.starts_at))


def _start(mou_id: str) -> StartMou:
    start = symposium_mou(QIANHAI, mou_id)
    extra = [
        MilestonePlanItem(id=mid, title=Bilingual(en=en, zh=zh), owner_party_id=QIANHAI.id, offset_months=months)
        for mid, en, zh, months in EXTRA_MILESTONES
    ]
    content = start.content.model_copy(update={"milestones": [*start.content.milestones, *extra]})
    return start.model_copy(update={"partners": [QIANHAI, NANSHA], "content": content})


def _record(sessions: sessionmaker[Session], state: MouState, events: list[Event]) -> None:
    state.seq += 1
    transition = transition_of(f"mou-{state.mou_id}", state, events)
    with session_scope(sessions) as session:
        record_transition(session=session, transition=transition)
