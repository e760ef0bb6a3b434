"""Snapshots and requests for the document tests, from the symposium case in mouflow/demo.py."""

from datetime import timedelta

from mouflow.demo import HKTE, HKTE_SIGNATORY, NANSHA, SIGNATORIES, gba_mou, officer, symposium_mou
from mouflow.documents.models import DocumentKind, RenderDocument
from mouflow.domain import clock, drafting, followup, review, signatures, simplified, term
from mouflow.domain.actions import DecideRenewal, ReportProgress, Review, Revise, Sign, Signatory, Submit
from mouflow.domain.enums import MilestoneStatus, ReviewDecision
from mouflow.domain.rules import CURRENT_RULES
from mouflow.domain.state import MouState
from tests.domain.builders import T0, ceremony, ceremony_starting, drafted, executed

# the symposium MoU with Qianhai, as each document kind sees it: the draft is the same MoU before its
# review, started when the executed one was (an hour before its ceremony, at T0)
EXECUTED = executed()
DRAFT = drafted(EXECUTED.versions[0].created_at)


def with_progress() -> MouState:
    """Executed, the fair done, the report overdue, the review still pending a year on."""
    state = executed()
    done = ReportProgress(
        actor=officer(HKTE), milestone_id="joint-recruitment-fair", status=MilestoneStatus.DONE, note="Held in Qianhai"
    )
    followup.apply_progress(state, done, T0 + timedelta(days=80))
    clock.fire_due(state, T0 + timedelta(days=200))
    return state


def request(kind: DocumentKind, mou: MouState, **fields: object) -> RenderDocument:
    return RenderDocument(workflow_id=f"mou-{mou.mou_id}", kind=kind, mou=mou, **fields)  # type: ignore[arg-type]


NANSHA_SIGNATORY = Signatory(
    name_en="Nansha representative", title_en="Deputy District Head", name_zh="南沙代表", title_zh="南沙區副區長"
)


def nansha_executed() -> MouState:
    """The Nansha MoU signed by both at T0, at the ceremony that starts then: Nansha wants a Simplified Chinese copy."""
    before = T0 - timedelta(hours=1)
    state, _ = drafting.start_mou(symposium_mou(NANSHA, "hkte-nansha-2025"), before, CURRENT_RULES)
    drafting.apply_submit(state, Submit(actor=officer(HKTE), version=1), before)
    for party in state.parties:
        approve = Review(actor=officer(party), version=1, decision=ReviewDecision.APPROVE)
        review.apply_review(state, approve, before)
    signatures.apply_ceremony(state, ceremony_starting(T0), before)
    signatures.apply_sign(state, Sign(actor=officer(HKTE), version=1, signatory=HKTE_SIGNATORY), T0)
    signatures.apply_sign(state, Sign(actor=officer(NANSHA), version=1, signatory=NANSHA_SIGNATORY), T0)
    return state


def nansha_with_simplified() -> MouState:
    """The Nansha MoU with Nansha's officer's Simplified text as version 2, from the Mainland-phrase conversion,
    approved by both and signed at T0: executed in English, Traditional and Simplified Chinese."""
    before = T0 - timedelta(hours=1)
    state, _ = drafting.start_mou(symposium_mou(NANSHA, "hkte-nansha-2025"), before, CURRENT_RULES)
    first = state.current_version.content
    content = first.model_copy(update={"simplified": simplified.starting_text(first)})
    drafting.apply_revise(state, Revise(actor=officer(NANSHA), base_version=1, content=content), before)
    drafting.apply_submit(state, Submit(actor=officer(HKTE), version=2), before)
    for party in state.parties:
        review.apply_review(state, Review(actor=officer(party), version=2, decision=ReviewDecision.APPROVE), before)
    signatures.apply_ceremony(state, ceremony_starting(T0), before)
    signatures.apply_sign(state, Sign(actor=officer(HKTE), version=2, signatory=HKTE_SIGNATORY), T0)
    signatures.apply_sign(state, Sign(actor=officer(NANSHA), version=2, signatory=NANSHA_SIGNATORY), T0)
    return state


def renewed() -> MouState:
    """Into its second term: the first term's milestones are archived with that term."""
    state = with_progress()
    for party in state.parties:
        term.apply_renewal(state, DecideRenewal(actor=officer(party), renew=True), T0)
    term.end_term(state, T0 + timedelta(days=3 * 366))
    return state


def three_party_executed() -> MouState:
    """The Greater Bay Area MoU, approved and signed by all three, each after the ceremony began."""
    state, _ = drafting.start_mou(gba_mou(), T0)
    drafting.apply_submit(state, Submit(actor=officer(HKTE), version=1), T0)
    for party in state.parties:
        review.apply_review(state, Review(actor=officer(party), version=1, decision=ReviewDecision.APPROVE), T0)
    schedule = ceremony()
    signatures.apply_ceremony(state, schedule, T0)
    signed_at = schedule.starts_at + timedelta(minutes=10)
    for party in state.parties:
        sign = Sign(actor=officer(party), version=1, signatory=SIGNATORIES[party.id])
        signatures.apply_sign(state, sign, signed_at)
    return state
