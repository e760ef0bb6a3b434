"""Build MoU states at each stage with the plain domain functions: no server, no database."""

from datetime import UTC, datetime, timedelta

from mouflow.demo import HKTE, HKTE_SIGNATORY, QIANHAI, SECRETARY_FOR_LABOUR, officer, symposium_mou
from mouflow.domain import drafting, review, signatures
from mouflow.domain.actions import Review, ScheduleCeremony, Sign, Signatory, Submit
from mouflow.domain.content import Bilingual
from mouflow.domain.enums import ReviewDecision
from mouflow.domain.rules import CURRENT_RULES
from mouflow.domain.state import MouState

T0 = datetime(2025, 5, 1, 2, 0, tzinfo=UTC)  # 10:00 in Hong Kong
QIANHAI_SIGNATORY = Signatory(name_en="Qianhai representative", title_en="Director", name_zh="前海代表")


def drafted(now: datetime = T0, rules: int = CURRENT_RULES) -> MouState:
    state, _ = drafting.start_mou(symposium_mou(QIANHAI, "hkte-qianhai-2025"), now, rules)
    return state


def in_review(now: datetime = T0, review_days: int = 14) -> MouState:
    state = drafted(now)
    drafting.apply_submit(state, Submit(actor=officer(HKTE), version=1, review_days=review_days), now)
    return state


def approve_all(state: MouState, now: datetime) -> None:
    version = state.current_version.number
    for party in state.parties:
        review.apply_review(state, Review(actor=officer(party), version=version, decision=ReviewDecision.APPROVE), now)


def ready_to_sign(now: datetime = T0) -> MouState:
    state = in_review(now)
    approve_all(state, now)
    return state


def ceremony(now: datetime = T0) -> ScheduleCeremony:
    return ScheduleCeremony(
        actor=officer(HKTE),
        starts_at=now + timedelta(days=30),
        venue=Bilingual(en="Hong Kong Convention and Exhibition Centre", zh="香港會議展覽中心"),
        witnesses=[SECRETARY_FOR_LABOUR],
    )


def ceremony_starting(starts_at: datetime) -> ScheduleCeremony:
    return ceremony(starts_at - timedelta(days=30))


def signing_open(now: datetime = T0) -> MouState:
    """Ready to sign, at a ceremony that starts at `now` (approved and scheduled an hour before)."""
    before = now - timedelta(hours=1)
    state = ready_to_sign(before)
    signatures.apply_ceremony(state, ceremony_starting(now), before)
    return state


def executed(now: datetime = T0) -> MouState:
    """Signed at `now`, at the ceremony that starts then."""
    state = signing_open(now)
    signatures.apply_sign(state, Sign(actor=officer(HKTE), version=1, signatory=HKTE_SIGNATORY), now)
    signatures.apply_sign(state, Sign(actor=officer(QIANHAI), version=1, signatory=QIANHAI_SIGNATORY), now)
    return state
