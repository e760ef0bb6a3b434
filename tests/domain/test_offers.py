"""Which forms a user gets: the workflow's own checks asked about an MoU's state, without a server."""

from datetime import timedelta

import pytest

from mouflow.demo import HKTE, HKTE_SIGNATORY, QIANHAI, officer
from mouflow.domain import drafting, followup, paperwork, review, signatures, term, termination
from mouflow.domain.actions import (
    Actor,
    AmendMilestones,
    ConfirmMilestone,
    DecideRenewal,
    ReportProgress,
    Review,
    Revise,
    Sign,
    Terminate,
    VoidSignatures,
)
from mouflow.domain.clock import fire_due
from mouflow.domain.content import Bilingual, MilestonePlanItem
from mouflow.domain.enums import (
    DocumentKind,
    MilestoneStatus,
    ReviewDecision,
    Role,
    SigningMode,
    Stage,
    TerminationWay,
)
from mouflow.domain.offers import Offers, offers_for
from mouflow.domain.rules import FIRST_RULES
from mouflow.domain.state import DocumentOrder, MouState
from mouflow.domain.term import end_term
from mouflow.errors import WrongStage
from tests.domain.builders import T0, ceremony, drafted, executed, in_review, ready_to_sign, signing_open

FAIR = "joint-recruitment-fair"  # HKTE's, confirmed by the partner
SERVICES = "talent-services-report"  # Qianhai's, nobody confirms it
REVIEW = "annual-review"  # HKTE's, nobody confirms it
IN_PROGRESS, DONE = MilestoneStatus.IN_PROGRESS, MilestoneStatus.DONE


def actor(party_id: str, role: Role = Role.OFFICER) -> Actor:
    return Actor(user_id=f"{party_id}-{role}", name=f"{party_id} {role}", party_id=party_id, role=role)


def report(state: MouState, milestone_id: str, status: MilestoneStatus, party_id: str = "hkte") -> None:
    followup.apply_progress(state, ReportProgress(actor=actor(party_id), milestone_id=milestone_id, status=status), T0)


def test_the_owners_officer_may_submit_a_draft() -> None:
    assert offers_for(drafted(), actor("hkte"), T0) == Offers(submit_version=1, draft_version=1, withdraw=True)
    # partners review, they do not submit; Qianhai reads Simplified Chinese, so its officer may write that text
    assert offers_for(drafted(), actor("qianhai"), T0) == Offers(simplified_version=1)
    assert offers_for(in_review(), actor("hkte"), T0).submit_version is None


def test_a_partys_officer_may_review_only_while_its_review_is_awaited() -> None:
    state = in_review()
    assert offers_for(state, actor("qianhai"), T0) == Offers(review_version=1, simplified_version=1)
    review.apply_review(state, Review(actor=actor("qianhai"), version=1, decision=ReviewDecision.APPROVE), T0)
    assert not offers_for(state, actor("qianhai"), T0).anything
    assert offers_for(state, actor("hkte"), T0) == Offers(review_version=1, draft_version=1, withdraw=True)
    assert not offers_for(drafted(), actor("qianhai"), T0).anything


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ADMIN])
@pytest.mark.parametrize("build", [drafted, in_review, ready_to_sign, signing_open, executed])
def test_viewers_and_admins_get_nothing(role: Role, build) -> None:  # type: ignore[no-untyped-def]
    state = build()
    if state.stage is Stage.IN_FORCE:
        report(state, FAIR, DONE)
    for party in ("hkte", "qianhai"):
        assert offers_for(state, actor(party, role), T0) == Offers()


def test_an_outsider_gets_nothing() -> None:
    state = executed()
    report(state, FAIR, DONE)
    for build in (drafted, in_review, ready_to_sign, signing_open):
        assert offers_for(build(), actor("nansha"), T0) == Offers()
    assert offers_for(state, actor("nansha"), T0) == Offers()


def test_only_unsigned_parties_may_sign_the_approved_version_and_the_owner_moves_the_ceremony() -> None:
    state = signing_open()
    signatures.apply_sign(state, Sign(actor=officer(HKTE), version=1, signatory=HKTE_SIGNATORY), T0)
    both = (SigningMode.AT_CEREMONY, SigningMode.IN_COUNTERPART)
    assert offers_for(state, actor("qianhai"), T0) == Offers(sign_version=1, sign_modes=both)
    assert offers_for(state, actor("hkte"), T0) == Offers(schedule_ceremony=True, withdraw=True, void_signatures=True)
    assert offers_for(executed(), actor("qianhai"), T0).sign_version is None


def test_the_ways_of_signing_are_those_the_rules_of_the_moment_accept() -> None:
    before = ready_to_sign()
    assert offers_for(before, actor("qianhai"), T0).sign_modes == (SigningMode.IN_COUNTERPART,)  # no ceremony yet
    signatures.apply_ceremony(before, ceremony(), T0)
    assert offers_for(before, actor("qianhai"), T0).sign_modes == (SigningMode.IN_COUNTERPART,)  # not started
    started = T0 + timedelta(days=30)
    assert offers_for(before, actor("qianhai"), started).sign_modes == (
        SigningMode.AT_CEREMONY,
        SigningMode.IN_COUNTERPART,
    )
    first_rules = ready_to_sign()
    first_rules.rules = FIRST_RULES  # one way of signing, at any time
    assert offers_for(first_rules, actor("qianhai"), T0) == Offers(
        sign_version=1,
        sign_modes=(SigningMode.AT_CEREMONY,),
        simplified_version=1,  # unsigned, the first rules edit
    )


@pytest.mark.parametrize("stage", [Stage.SIGNED, Stage.IN_FORCE])
def test_only_the_milestones_owner_reports_progress_until_it_is_done(stage: Stage) -> None:
    state = executed()
    state.stage = stage
    report(state, REVIEW, IN_PROGRESS)
    report(state, FAIR, DONE)
    assert offers_for(state, actor("hkte"), T0).report_progress == (REVIEW,)
    assert offers_for(state, actor("qianhai"), T0).report_progress == (SERVICES,)
    assert offers_for(state, actor("hkte", Role.MANAGER), T0).report_progress == ()


def test_no_follow_up_before_signing_or_after_the_end() -> None:
    terminated = executed()
    report(terminated, FAIR, DONE)
    for party in ("hkte", "qianhai"):
        consent = Terminate(actor=actor(party), reason="Done", by="agreement")
        termination.apply_terminate(terminated, consent, T0)
    expired = executed()
    end_term(expired, T0)
    assert (terminated.stage, expired.stage) == (Stage.TERMINATED, Stage.EXPIRED)
    for state in (signing_open(), terminated, expired):
        for who in (actor("hkte"), actor("qianhai"), actor("hkte", Role.MANAGER)):
            offers = offers_for(state, who, T0)
            assert offers.report_progress == () and offers.confirm == () and not offers.decide_renewal


def test_only_the_owners_officer_schedules_the_ceremony_and_only_before_signing_ends() -> None:
    assert offers_for(ready_to_sign(), actor("hkte"), T0).schedule_ceremony
    for who in (actor("qianhai"), actor("hkte", Role.MANAGER), actor("hkte", Role.VIEWER)):
        assert not offers_for(ready_to_sign(), who, T0).schedule_ceremony
    for build in (drafted, in_review, executed):
        assert not offers_for(build(), actor("hkte"), T0).schedule_ceremony


def test_the_other_side_confirms_a_done_milestone_that_asks_for_it_once() -> None:
    state = executed()
    report(state, FAIR, IN_PROGRESS)
    assert offers_for(state, actor("qianhai"), T0).confirm == ()  # not done yet
    report(state, FAIR, DONE)
    report(state, REVIEW, DONE)  # done, but nobody confirms it
    assert offers_for(state, actor("qianhai"), T0).confirm == (FAIR,)
    assert offers_for(state, actor("hkte"), T0).confirm == ()  # the owner does not confirm its own
    assert offers_for(state, actor("qianhai", Role.VIEWER), T0).confirm == ()
    followup.apply_confirm(state, ConfirmMilestone(actor=actor("qianhai"), milestone_id=FAIR), T0)
    assert offers_for(state, actor("qianhai"), T0).confirm == ()


def test_a_manager_may_confirm_for_the_other_side_even_of_another_party() -> None:
    state = executed()
    report(state, FAIR, DONE)
    for party in ("qianhai", "nansha"):
        assert offers_for(state, actor(party, Role.MANAGER), T0) == Offers(confirm=(FAIR,))
    assert offers_for(state, actor("hkte", Role.MANAGER), T0) == Offers()  # HKTE's own milestone


def test_a_milestone_added_by_amendment_is_confirmed_like_any_other() -> None:
    """The page used to read which milestones ask for confirmation off the executed text's plan, and so
    never offered one that an amendment added; the check always accepted it."""
    state = executed()
    added = MilestonePlanItem(
        id="joint-forum",
        title=Bilingual(en="Joint forum", zh="聯合論壇"),
        owner_party_id=QIANHAI.id,
        offset_months=6,
        requires_confirmation=True,
    )
    followup.apply_amend(state, AmendMilestones(actor=officer(HKTE), milestones=[added], reason="A forum"), T0)
    report(state, "joint-forum", DONE, party_id="qianhai")
    assert offers_for(state, actor("hkte"), T0).confirm == ("joint-forum",)


def test_each_partys_officer_decides_on_renewal_once_the_notice_went_out() -> None:
    state = executed()
    assert not state.terms[0].renewal_notice_sent
    assert not offers_for(state, actor("hkte"), T0).decide_renewal
    with pytest.raises(WrongStage, match="renewal notice"):
        term.check_renewal(state, DecideRenewal(actor=actor("hkte"), renew=True))
    fire_due(state, T0 + timedelta(days=3 * 365))  # the renewal notice goes out
    assert state.terms[0].renewal_notice_sent and state.stage is Stage.IN_FORCE
    later = T0 + timedelta(days=3 * 365)
    assert offers_for(state, actor("hkte"), later).decide_renewal
    term.apply_renewal(state, DecideRenewal(actor=actor("hkte"), renew=True), later)
    assert not offers_for(state, actor("hkte"), later).decide_renewal
    assert offers_for(state, actor("qianhai"), later).decide_renewal
    assert not offers_for(state, actor("hkte", Role.MANAGER), later).decide_renewal
    assert not offers_for(ready_to_sign(), actor("hkte"), T0).decide_renewal


def test_the_owners_officer_or_an_operator_asks_for_a_missing_document_once() -> None:
    state = in_review()
    paperwork.mark_missing(state, DocumentOrder(kind=DocumentKind.DRAFT, version=1), "a font is missing", T0)
    operator = Actor(user_id="ops", name="Operator", party_id="system", role=Role.ADMIN)
    for who in (actor("hkte"), operator):
        offers = offers_for(state, who, T0)
        assert offers.make_again == ((DocumentKind.DRAFT, 1),) and offers.may_make_again(DocumentKind.DRAFT, 1)
    assert not offers.anything  # the page's actions: documents have their own place
    for who in (actor("qianhai"), actor("hkte", Role.VIEWER), actor("hkte", Role.MANAGER)):
        assert offers_for(state, who, T0).make_again == ()
    paperwork.apply_request(
        state, paperwork.RequestDocument(actor=actor("hkte"), kind=DocumentKind.DRAFT, version=1), T0
    )
    assert offers_for(state, actor("hkte"), T0).make_again == ()  # asked for already: being made


def test_a_version_that_is_not_current_is_never_offered() -> None:
    state = drafted()
    content = state.current_version.content
    drafting.apply_revise(state, Revise(actor=officer(HKTE), base_version=1, content=content), T0)
    assert offers_for(state, actor("hkte"), T0) == Offers(submit_version=2, draft_version=2, withdraw=True)


NOTICE, AGREEMENT = TerminationWay.NOTICE, TerminationWay.AGREEMENT


def test_only_the_owners_officer_withdraws_and_only_before_every_party_signed() -> None:
    for build in (drafted, in_review, ready_to_sign, signing_open):
        assert offers_for(build(), actor("hkte"), T0).withdraw
        for who in (actor("qianhai"), actor("hkte", Role.MANAGER), actor("hkte", Role.VIEWER)):
            assert not offers_for(build(), who, T0).withdraw
    assert not offers_for(executed(), actor("hkte"), T0).withdraw


def test_each_partys_officer_gives_notice_while_none_runs_and_consents_once() -> None:
    state = executed()
    for party in ("hkte", "qianhai"):
        assert offers_for(state, actor(party), T0).terminate_ways == (NOTICE, AGREEMENT)
        assert offers_for(state, actor(party, Role.MANAGER), T0).terminate_ways == ()
    termination.apply_terminate(state, Terminate(actor=actor("qianhai"), reason="Restructured"), T0)
    assert state.stage is Stage.IN_FORCE
    for party in ("hkte", "qianhai"):
        assert offers_for(state, actor(party), T0).terminate_ways == (AGREEMENT,)  # one notice runs
    termination.apply_terminate(state, Terminate(actor=actor("hkte"), reason="Agreed", by=AGREEMENT), T0)
    assert offers_for(state, actor("hkte"), T0).terminate_ways == ()  # consented already
    assert offers_for(state, actor("qianhai"), T0).terminate_ways == (AGREEMENT,)
    assert offers_for(signing_open(), actor("hkte"), T0).terminate_ways == ()  # not signed yet


def test_the_owner_voids_standing_signatures_and_then_may_reopen() -> None:
    state = signing_open()
    assert offers_for(state, actor("hkte"), T0).reopen and not offers_for(state, actor("hkte"), T0).void_signatures
    signatures.apply_sign(state, Sign(actor=officer(QIANHAI), version=1, signatory=HKTE_SIGNATORY), T0)
    offers = offers_for(state, actor("hkte"), T0)
    assert offers.void_signatures and not offers.reopen  # a signature stands: void it first
    assert not offers_for(state, actor("qianhai"), T0).void_signatures
    signatures.apply_void(state, VoidSignatures(actor=actor("hkte"), reason="Clause 4 changes"), T0)
    assert offers_for(state, actor("hkte"), T0).reopen
    assert not offers_for(executed(), actor("hkte"), T0).void_signatures


def test_only_the_owners_officer_amends_the_plan_while_the_mou_is_in_force_in_any_term() -> None:
    state = executed()
    assert offers_for(state, actor("hkte"), T0).amend_milestones
    for who in (actor("qianhai"), actor("hkte", Role.MANAGER)):
        assert not offers_for(state, who, T0).amend_milestones
    for party in ("hkte", "qianhai"):
        term.apply_renewal(state, DecideRenewal(actor=actor(party), renew=True), T0)
    end = state.terms[0].end_date
    later = T0 + timedelta(days=(end - T0.date()).days + 40)
    fire_due(state, later)
    assert state.term is not None and state.term.number == 2
    assert offers_for(state, actor("hkte"), later).amend_milestones  # the offset, not a date, is asked about
    assert not offers_for(ready_to_sign(), actor("hkte"), T0).amend_milestones
