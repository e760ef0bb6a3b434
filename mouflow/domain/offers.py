"""What a user may do to an MoU now, so that a page offers only those buttons.

The same rules the workflow's validators enforce (review.py, signatures.py, followup.py, drafting.py),
read off the projection's summary instead of the full state; the workflow still checks every action.
"""

from dataclasses import dataclass

from mouflow.domain.actions import Actor
from mouflow.domain.enums import EXECUTED_STAGES, MilestoneStatus, Role, Stage
from mouflow.domain.summaries import MouSummary


@dataclass(frozen=True)
class MilestoneLine:
    id: str
    owner_party_id: str
    status: MilestoneStatus
    confirmed: bool
    requires_confirmation: bool


@dataclass(frozen=True)
class Offers:
    submit_version: int | None = None
    review_version: int | None = None
    sign_version: int | None = None
    schedule_ceremony: bool = False
    decide_renewal: bool = False
    report_progress: tuple[str, ...] = ()
    confirm: tuple[str, ...] = ()

    @property
    def anything(self) -> bool:
        offered = (
            self.submit_version,
            self.review_version,
            self.sign_version,
            self.schedule_ceremony,
            self.decide_renewal,
        )
        return any(offered) or bool(self.report_progress or self.confirm)


def offers_for(
    summary: MouSummary, milestones: list[MilestoneLine], actor: Actor, renewal_decided_by: set[str] | None = None
) -> Offers:
    """`milestones` are those of the current term; `renewal_decided_by` the parties that decided on renewing
    it, once the renewal notice went out (None before: the question is not put to anyone yet)."""
    if actor.party_id not in summary.party_ids and actor.role is not Role.MANAGER:
        return Offers()
    return Offers(
        submit_version=_submit(summary, actor),
        review_version=_review(summary, actor),
        sign_version=_sign(summary, actor),
        schedule_ceremony=_is_owner_officer(summary, actor) and summary.stage is Stage.READY_TO_SIGN,
        decide_renewal=_may_decide_renewal(summary, actor, renewal_decided_by),
        report_progress=tuple(m.id for m in milestones if _may_report(summary, m, actor)),
        confirm=tuple(m.id for m in milestones if _may_confirm(summary, m, actor)),
    )


def _is_officer_of_party(summary: MouSummary, actor: Actor) -> bool:
    return actor.role is Role.OFFICER and actor.party_id in summary.party_ids


def _is_owner_officer(summary: MouSummary, actor: Actor) -> bool:
    return _is_officer_of_party(summary, actor) and actor.party_id == summary.owner_party_id


def _submit(summary: MouSummary, actor: Actor) -> int | None:
    return summary.current_version if _is_owner_officer(summary, actor) and summary.stage is Stage.DRAFTING else None


def _review(summary: MouSummary, actor: Actor) -> int | None:
    waiting = summary.stage is Stage.IN_REVIEW and actor.party_id in summary.awaiting_review
    return summary.current_version if waiting and _is_officer_of_party(summary, actor) else None


def _sign(summary: MouSummary, actor: Actor) -> int | None:
    unsigned = summary.stage is Stage.READY_TO_SIGN and actor.party_id not in summary.signed_by
    return summary.approved_version if unsigned and _is_officer_of_party(summary, actor) else None


def _may_decide_renewal(summary: MouSummary, actor: Actor, decided_by: set[str] | None) -> bool:
    asked = decided_by is not None and actor.party_id not in decided_by
    return asked and summary.stage in EXECUTED_STAGES and _is_officer_of_party(summary, actor)


def _may_report(summary: MouSummary, milestone: MilestoneLine, actor: Actor) -> bool:
    return (
        summary.stage in EXECUTED_STAGES
        and _is_officer_of_party(summary, actor)
        and actor.party_id == milestone.owner_party_id
        and milestone.status is not MilestoneStatus.DONE
    )


def _may_confirm(summary: MouSummary, milestone: MilestoneLine, actor: Actor) -> bool:
    may_act = actor.role is Role.MANAGER or _is_officer_of_party(summary, actor)
    return (
        summary.stage in EXECUTED_STAGES
        and may_act
        and milestone.requires_confirmation
        and actor.party_id != milestone.owner_party_id
        and milestone.status is MilestoneStatus.DONE
        and not milestone.confirmed
    )
