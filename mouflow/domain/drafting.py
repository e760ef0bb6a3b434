"""Drafting: starting an MoU, new draft versions, submitting one for review, withdrawing."""

from datetime import datetime, timedelta

from mouflow.domain.access import require_owner_officer, require_stage
from mouflow.domain.actions import Close, Revise, StartMou, Submit
from mouflow.domain.content import DraftContent, MilestonePlanItem
from mouflow.domain.enums import PRE_SIGNATURE_STAGES, EventKind, Role, Stage
from mouflow.domain.errors import Forbidden, InvalidInput, StaleVersion
from mouflow.domain.state import Closure, DraftVersion, Event, MouState, ReviewRound

# Every draft travels through Temporal (Updates, the state carried by continue-as-new, document
# requests), whose payloads warn at 256 KB and fail at 2 MB; a 10-page bilingual MoU is about 15 KB
MAX_DRAFT_BYTES = 128 * 1024
MAX_DRAFTS_BYTES = 1024 * 1024  # half of Temporal's 2 MB payload limit: room for the rest of the state

EDITABLE_STAGES = frozenset({Stage.DRAFTING, Stage.IN_REVIEW, Stage.READY_TO_SIGN})


def check_plan(party_ids: list[str], items: list[MilestonePlanItem], taken: set[str], term_months: int) -> None:
    seen = set(taken)
    for item in items:
        if item.offset_months is not None and item.offset_months >= term_months:
            raise InvalidInput(f"milestone {item.id!r} falls due at or after the end of the {term_months}-month term")
        if item.id in seen:
            raise InvalidInput(f"milestone id {item.id!r} is used twice")
        if item.owner_party_id not in party_ids:
            raise InvalidInput(f"milestone {item.id!r} is owned by {item.owner_party_id!r}, not a party")
        seen.add(item.id)


def check_content(state: MouState, content: DraftContent) -> None:
    check_plan(state.party_ids, content.milestones, taken=set(), term_months=content.term_months)


def check_start(start: StartMou) -> None:
    party_ids = [start.owner.id, *(partner.id for partner in start.partners)]
    if len(set(party_ids)) != len(party_ids):
        raise InvalidInput("each party may appear only once")
    if start.actor.party_id != start.owner.id or start.actor.role is not Role.OFFICER:
        raise Forbidden(f"only an officer of the owning party {start.owner.id!r} may start an MoU")
    check_plan(party_ids, start.content.milestones, taken=set(), term_months=start.content.term_months)


def start_mou(start: StartMou, now: datetime) -> tuple[MouState, list[Event]]:
    check_start(start)
    first = DraftVersion(number=1, content=start.content, author=start.actor, created_at=now)
    state = MouState(mou_id=start.mou_id, owner=start.owner, partners=list(start.partners), versions=[first])
    return state, [Event(kind=EventKind.STARTED, at=now, actor=start.actor, version=1)]


def check_revise(state: MouState, revise: Revise) -> None:
    require_owner_officer(state, revise.actor)
    require_stage(state, EDITABLE_STAGES, "revise the draft")
    if state.signatures:
        raise Forbidden("the draft cannot change once a party has signed")
    if revise.base_version != state.current_version.number:
        raise StaleVersion(
            f"version {revise.base_version} is stale; the current draft is version {state.current_version.number}"
        )
    check_content(state, revise.content)


def check_draft_size(content: DraftContent) -> None:
    """For new drafts only (the API, and the revise validator), never on replay: a rule added later
    must not fail a draft that history holds."""
    size = content.size_in_bytes()
    if size > MAX_DRAFT_BYTES:
        raise InvalidInput(
            f"the draft is {size // 1024} KB as JSON; a draft may be at most {MAX_DRAFT_BYTES // 1024} KB"
        )


def check_new_draft(state: MouState, content: DraftContent) -> None:
    """Every version stays in the workflow's state, which must fit one Temporal payload (2 MB)."""
    check_draft_size(content)
    total = content.size_in_bytes() + sum(version.content.size_in_bytes() for version in state.versions)
    if total > MAX_DRAFTS_BYTES:
        raise InvalidInput(
            f"this MoU's drafts would total {total // 1024} KB, over the {MAX_DRAFTS_BYTES // 1024} KB "
            "that one MoU keeps; shorten the draft, or agree the text outside mouflow before a last revision"
        )


def apply_revise(state: MouState, revise: Revise, now: datetime) -> list[Event]:
    check_revise(state, revise)
    number = state.current_version.number + 1
    state.versions.append(DraftVersion(number=number, content=revise.content, author=revise.actor, created_at=now))
    if state.open_round:
        state.open_round.closed = True  # a new version clears every approval of the old one
    state.approved_version = None
    state.stage = Stage.DRAFTING
    return [Event(kind=EventKind.REVISED, at=now, actor=revise.actor, version=number)]


def check_submit(state: MouState, submit: Submit) -> None:
    require_owner_officer(state, submit.actor)
    require_stage(state, {Stage.DRAFTING}, "submit for review")
    if submit.version != state.current_version.number:
        raise StaleVersion(
            f"version {submit.version} is stale; the current draft is version {state.current_version.number}"
        )


def apply_submit(state: MouState, submit: Submit, now: datetime) -> list[Event]:
    check_submit(state, submit)
    deadline = now + timedelta(days=submit.review_days)
    state.review_rounds.append(ReviewRound(version=submit.version, submitted_at=now, deadline=deadline))
    state.stage = Stage.IN_REVIEW
    detail = f"review due by {deadline.isoformat()}"
    return [Event(kind=EventKind.SUBMITTED, at=now, actor=submit.actor, version=submit.version, detail=detail)]


def check_withdraw(state: MouState, close: Close) -> None:
    require_owner_officer(state, close.actor)
    require_stage(state, PRE_SIGNATURE_STAGES, "withdraw")
    if state.signatures:
        raise Forbidden("a party has signed already; terminate the MoU instead of withdrawing it")


def apply_withdraw(state: MouState, close: Close, now: datetime) -> list[Event]:
    check_withdraw(state, close)
    state.stage = Stage.WITHDRAWN
    state.closure = Closure(stage=Stage.WITHDRAWN, reason=close.reason, by=close.actor, at=now)
    if state.open_round:
        state.open_round.closed = True
    return [Event(kind=EventKind.WITHDRAWN, at=now, actor=close.actor, detail=close.reason)]
