"""Which buttons a user gets: the workflow's rules read off an MoU's summary, without a server."""

from typing import Any

import pytest

from mouflow.domain.actions import Actor
from mouflow.domain.enums import MilestoneStatus, Role, Stage
from mouflow.domain.offers import MilestoneLine, Offers, offers_for
from mouflow.domain.summaries import MouSummary

FAIR = "joint-recruitment-fair"  # HKTE's, confirmed by the partner
SERVICES = "talent-services-report"  # Qianhai's, confirmed by HKTE
REVIEW = "annual-review"  # HKTE's, nobody confirms it


def summary(stage: Stage, **changes: Any) -> MouSummary:
    fields: dict[str, Any] = {
        "mou_id": "hkte-qianhai-2025",
        "stage": stage,
        "title_en": "MoU",
        "title_zh": "備忘錄",
        "owner_party_id": "hkte",
        "party_ids": ["hkte", "qianhai"],
        "current_version": 2,
        "approved_version": 2 if stage is not Stage.DRAFTING and stage is not Stage.IN_REVIEW else None,
        "executed_version": None,
        "awaiting_review": [],
        "signed_by": [],
        "has_overdue": False,
        "term_end": None,
        "next_deadline": None,
        "seq": 7,
    }
    return MouSummary.model_validate(fields | changes)


def actor(party_id: str, role: Role = Role.OFFICER) -> Actor:
    return Actor(user_id=f"{party_id}-{role}", name=f"{party_id} {role}", party_id=party_id, role=role)


def line(
    milestone_id: str,
    owner: str,
    status: MilestoneStatus = MilestoneStatus.PENDING,
    confirmed: bool = False,
    requires_confirmation: bool = True,
) -> MilestoneLine:
    return MilestoneLine(milestone_id, owner, status, confirmed, requires_confirmation)


def test_the_owners_officer_may_submit_a_draft() -> None:
    drafting = summary(Stage.DRAFTING)
    assert offers_for(drafting, [], actor("hkte")) == Offers(submit_version=2)
    assert offers_for(drafting, [], actor("qianhai")) == Offers()  # partners review, they do not submit
    assert offers_for(summary(Stage.IN_REVIEW, awaiting_review=["qianhai"]), [], actor("hkte")).submit_version is None


def test_a_partner_officer_may_review_only_while_its_review_is_awaited() -> None:
    assert offers_for(summary(Stage.IN_REVIEW, awaiting_review=["hkte", "qianhai"]), [], actor("qianhai")) == Offers(
        review_version=2
    )
    assert not offers_for(summary(Stage.IN_REVIEW, awaiting_review=["hkte"]), [], actor("qianhai")).anything
    assert not offers_for(summary(Stage.DRAFTING, awaiting_review=["qianhai"]), [], actor("qianhai")).anything


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ADMIN])
@pytest.mark.parametrize(
    "stage, changes",
    [
        (Stage.DRAFTING, {}),
        (Stage.IN_REVIEW, {"awaiting_review": ["hkte", "qianhai"]}),
        (Stage.READY_TO_SIGN, {}),
        (Stage.IN_FORCE, {"executed_version": 2}),
    ],
)
def test_viewers_and_admins_get_nothing(role: Role, stage: Stage, changes: dict[str, Any]) -> None:
    milestones = [line(FAIR, "hkte", MilestoneStatus.DONE), line(SERVICES, "qianhai", MilestoneStatus.DONE)]
    for party in ("hkte", "qianhai"):
        assert offers_for(summary(stage, **changes), milestones, actor(party, role)) == Offers()


def test_only_unsigned_parties_may_sign_the_approved_version() -> None:
    ready = summary(Stage.READY_TO_SIGN, current_version=3, approved_version=2, signed_by=["hkte"])
    assert offers_for(ready, [], actor("qianhai")) == Offers(sign_version=2)
    assert offers_for(ready, [], actor("hkte")) == Offers(schedule_ceremony=True)  # the owner sets the ceremony
    assert offers_for(summary(Stage.SIGNED, signed_by=[]), [], actor("qianhai")).sign_version is None


def test_an_outsider_gets_nothing() -> None:
    waiting = summary(Stage.IN_REVIEW, awaiting_review=["hkte", "qianhai"])
    assert offers_for(waiting, [line(FAIR, "hkte", MilestoneStatus.DONE)], actor("nansha")) == Offers()


@pytest.mark.parametrize("stage", [Stage.SIGNED, Stage.IN_FORCE])
def test_only_the_milestones_owner_reports_progress_until_it_is_done(stage: Stage) -> None:
    milestones = [
        line(FAIR, "hkte"),
        line(REVIEW, "hkte", MilestoneStatus.IN_PROGRESS),
        line("done-already", "hkte", MilestoneStatus.DONE),
        line(SERVICES, "qianhai"),
    ]
    executed = summary(stage, executed_version=2, signed_by=["hkte", "qianhai"])
    assert offers_for(executed, milestones, actor("hkte")).report_progress == (FAIR, REVIEW)
    assert offers_for(executed, milestones, actor("qianhai")).report_progress == (SERVICES,)
    assert offers_for(executed, milestones, actor("hkte", Role.MANAGER)).report_progress == ()


@pytest.mark.parametrize("stage", [Stage.READY_TO_SIGN, Stage.EXPIRED, Stage.TERMINATED])
def test_no_follow_up_before_signing_or_after_the_end(stage: Stage) -> None:
    milestones = [line(FAIR, "hkte"), line(SERVICES, "qianhai", MilestoneStatus.DONE)]
    ended = summary(stage, executed_version=2, signed_by=["hkte", "qianhai"])
    for who in (actor("hkte"), actor("qianhai"), actor("hkte", Role.MANAGER)):
        offers = offers_for(ended, milestones, who)
        assert offers.report_progress == () and offers.confirm == ()


def test_only_the_owners_officer_schedules_the_ceremony_and_only_before_signing_ends() -> None:
    ready = summary(Stage.READY_TO_SIGN, signed_by=["hkte", "qianhai"][:1])
    assert offers_for(ready, [], actor("hkte")).schedule_ceremony
    for who in (actor("qianhai"), actor("hkte", Role.MANAGER), actor("hkte", Role.VIEWER)):
        assert not offers_for(ready, [], who).schedule_ceremony
    for stage in (Stage.DRAFTING, Stage.IN_REVIEW, Stage.SIGNED, Stage.IN_FORCE):
        assert not offers_for(summary(stage), [], actor("hkte")).schedule_ceremony


def test_the_other_side_confirms_a_done_milestone_that_asks_for_it_once() -> None:
    milestones = [
        line(FAIR, "hkte", MilestoneStatus.DONE),
        line(SERVICES, "qianhai", MilestoneStatus.DONE),
        line(REVIEW, "hkte", MilestoneStatus.DONE, requires_confirmation=False),
        line("in-progress", "hkte", MilestoneStatus.IN_PROGRESS),
        line("confirmed", "hkte", MilestoneStatus.DONE, confirmed=True),
    ]
    in_force = summary(Stage.IN_FORCE, executed_version=2, signed_by=["hkte", "qianhai"])
    assert offers_for(in_force, milestones, actor("qianhai")).confirm == (FAIR,)
    assert offers_for(in_force, milestones, actor("hkte")).confirm == (SERVICES,)
    assert offers_for(in_force, milestones, actor("qianhai", Role.VIEWER)).confirm == ()


def test_a_manager_may_confirm_for_the_other_side() -> None:
    milestones = [line(FAIR, "hkte", MilestoneStatus.DONE), line(SERVICES, "qianhai", MilestoneStatus.DONE)]
    in_force = summary(Stage.IN_FORCE, executed_version=2, signed_by=["hkte", "qianhai"])
    assert offers_for(in_force, milestones, actor("hkte", Role.MANAGER)) == Offers(confirm=(SERVICES,))
    assert offers_for(in_force, milestones, actor("qianhai", Role.MANAGER)) == Offers(confirm=(FAIR,))


def test_each_partys_officer_decides_on_renewal_once_the_notice_went_out() -> None:
    in_force = summary(Stage.IN_FORCE, executed_version=2, signed_by=["hkte", "qianhai"])
    assert not offers_for(in_force, [], actor("hkte")).decide_renewal  # no notice yet: nobody is asked
    assert offers_for(in_force, [], actor("hkte"), renewal_decided_by=set()).decide_renewal
    assert offers_for(in_force, [], actor("hkte"), renewal_decided_by={"qianhai"}).decide_renewal
    assert not offers_for(in_force, [], actor("hkte"), renewal_decided_by={"hkte"}).decide_renewal
    assert not offers_for(in_force, [], actor("hkte", Role.MANAGER), renewal_decided_by=set()).decide_renewal
    expired = summary(Stage.EXPIRED, executed_version=2)
    assert not offers_for(expired, [], actor("hkte"), renewal_decided_by=set()).decide_renewal
