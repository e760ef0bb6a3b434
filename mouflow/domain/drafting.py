"""Drafting: starting an MoU, new draft versions, submitting one for review, reopening, withdrawing."""

from datetime import datetime, timedelta

from mouflow.domain import simplified
from mouflow.domain.access import require_owner_officer, require_stage
from mouflow.domain.actions import Actor, Close, Reopen, Revise, StartMou, Submit
from mouflow.domain.calendar import hong_kong_time, local_date
from mouflow.domain.content import DraftContent, MilestonePlanItem
from mouflow.domain.dates import check_draft_dates
from mouflow.domain.enums import PRE_SIGNATURE_STAGES, EventKind, Role, Stage
from mouflow.domain.event_words import words
from mouflow.domain.rules import CURRENT_RULES, reopens_explicitly
from mouflow.domain.state import Closure, DraftVersion, Event, MouState, ReviewRound
from mouflow.errors import Forbidden, InvalidInput, StaleVersion, WrongStage

# Every draft travels through Temporal (Updates, the state carried by continue-as-new, document
# requests), whose payloads warn at 256 KB and fail at 2 MB; a 10-page bilingual MoU is about 15 KB
MAX_DRAFT_BYTES = 128 * 1024
MAX_DRAFTS_BYTES = 1024 * 1024  # half of Temporal's 2 MB payload limit: room for the rest of the state


def check_plan(party_ids: list[str], items: list[MilestonePlanItem], taken: set[str]) -> None:
    seen = set(taken)
    for item in items:
        if item.id in seen:
            raise InvalidInput("milestone id {milestone!r} is used twice", field="milestones", milestone=item.id)
        if item.owner_party_id not in party_ids:
            raise InvalidInput(
                "milestone {milestone!r} is owned by {owner!r}, not a party",
                field="milestones",
                milestone=item.id,
                owner=item.owner_party_id,
            )
        seen.add(item.id)


def check_content(party_ids: list[str], content: DraftContent) -> None:
    """The draft's own consistency; its dates are new input, judged by `dates.check_draft_dates`."""
    check_plan(party_ids, content.milestones, taken=set())


def check_start(start: StartMou) -> None:
    """The API's, before it starts the workflow: the workflow's start runs again on every replay."""
    party_ids = _distinct_parties(start)
    if start.actor.party_id != start.owner.id or start.actor.role is not Role.OFFICER:
        raise Forbidden("only an officer of the owning party {owner!r} may start an MoU", owner=start.owner.id)
    check_content(party_ids, start.content)
    simplified.check_start_text(start.content, start.owner)


def _distinct_parties(start: StartMou) -> list[str]:
    party_ids = [start.owner.id, *(partner.id for partner in start.partners)]
    if len(set(party_ids)) != len(party_ids):
        raise InvalidInput("each party may appear only once", field="partner_ids")
    return party_ids


def start_mou(start: StartMou, now: datetime, rules: int = CURRENT_RULES) -> tuple[MouState, list[Event]]:
    """Only what the state needs is checked again here (mouflow.domain.rules): the parties and the plan."""
    check_content(_distinct_parties(start), start.content)
    first = DraftVersion(number=1, content=start.content, author=start.actor, created_at=now)
    state = MouState(
        mou_id=start.mou_id, owner=start.owner, partners=list(start.partners), versions=[first], rules=rules
    )
    return state, [Event(kind=EventKind.STARTED, at=now, actor=start.actor, version=1)]


def editable_stages(state: MouState) -> frozenset[Stage]:
    """An approved version is taken back to drafting only by an explicit reopen, under the current rules."""
    if reopens_explicitly(state):
        return frozenset({Stage.DRAFTING, Stage.IN_REVIEW})
    return frozenset({Stage.DRAFTING, Stage.IN_REVIEW, Stage.READY_TO_SIGN})


def check_revise(state: MouState, revise: Revise) -> None:
    simplified.check_authorship(state, revise)
    _require_revisable(state, revise)


def check_writes_simplified(state: MouState, actor: Actor) -> None:
    """Whether the officer may add or change the Simplified text of the current draft now."""
    simplified.require_simplified_writer(state, actor)
    current = state.current_version
    _require_revisable(state, Revise(actor=actor, base_version=current.number, content=current.content))


def _require_revisable(state: MouState, revise: Revise) -> None:
    """What a new version needs, checked again when it is applied (mouflow.domain.rules): a stage that
    takes one under this MoU's rules, the current version as its base, and a consistent plan."""
    if state.stage is Stage.READY_TO_SIGN and state.signatures:
        raise WrongStage("the draft cannot change once a party has signed; void the signatures first")
    if state.stage is Stage.READY_TO_SIGN and reopens_explicitly(state):
        raise WrongStage("version {version} is approved; reopen it to drafting first", version=state.approved_version)
    require_stage(state, editable_stages(state), "revise the draft")
    if revise.base_version != state.current_version.number:
        raise StaleVersion(
            "version {base} is stale; the current draft is version {current}",
            field="base_version",
            base=revise.base_version,
            current=state.current_version.number,
        )
    check_content(state.party_ids, revise.content)


def check_new_revision(state: MouState, revise: Revise, now: datetime) -> None:
    """The revise Update's validator: the rule, then the new draft's size and dates, which only new input
    meets (validators never run on replay)."""
    check_revise(state, revise)
    check_new_draft(state, revise.content)
    check_draft_dates(revise.content, local_date(now))


def check_draft_size(content: DraftContent) -> None:
    """For new drafts only (the API, and the revise validator), never on replay: a rule added later
    must not fail a draft that history holds."""
    size = content.size_in_bytes()
    if size > MAX_DRAFT_BYTES:
        raise InvalidInput(
            "the draft is {size} KB as JSON; a draft may be at most {limit} KB",
            field="content",
            size=size // 1024,
            limit=MAX_DRAFT_BYTES // 1024,
        )


def check_new_draft(state: MouState, content: DraftContent) -> None:
    """Every version stays in the workflow's state, which must fit one Temporal payload (2 MB)."""
    check_draft_size(content)
    total = content.size_in_bytes() + sum(version.content.size_in_bytes() for version in state.versions)
    if total > MAX_DRAFTS_BYTES:
        raise InvalidInput(
            "this MoU's drafts would total {total} KB, over the {limit} KB that one MoU keeps; shorten the draft, "
            "or agree the text outside mouflow before a last revision",
            field="content",
            total=total // 1024,
            limit=MAX_DRAFTS_BYTES // 1024,
        )


def apply_revise(state: MouState, revise: Revise, now: datetime) -> list[Event]:
    _require_revisable(state, revise)
    number = state.current_version.number + 1
    state.versions.append(DraftVersion(number=number, content=revise.content, author=revise.actor, created_at=now))
    if state.open_round:
        state.open_round.closed = True  # a new version clears every approval of the old one
    state.approved_version = None
    state.stage = Stage.DRAFTING
    return [Event(kind=EventKind.REVISED, at=now, actor=revise.actor, version=number)]


def check_submit(state: MouState, submit: Submit) -> None:
    require_owner_officer(state, submit.actor)
    _require_submittable(state, submit)
    simplified.check_whole(state)


def _require_submittable(state: MouState, submit: Submit) -> None:
    """What a review round needs, checked again when it is applied (mouflow.domain.rules)."""
    require_stage(state, {Stage.DRAFTING}, "submit for review")
    if submit.version != state.current_version.number:
        raise StaleVersion(
            "version {version} is stale; the current draft is version {current}",
            field="version",
            version=submit.version,
            current=state.current_version.number,
        )


def apply_submit(state: MouState, submit: Submit, now: datetime) -> list[Event]:
    _require_submittable(state, submit)
    deadline = now + timedelta(days=submit.review_days)
    state.review_rounds.append(ReviewRound(version=submit.version, submitted_at=now, deadline=deadline))
    state.stage = Stage.IN_REVIEW
    detail = f"review due by {hong_kong_time(deadline)}"
    said = words("review due by %(deadline)s", moments={"deadline": deadline})
    return [
        Event(kind=EventKind.SUBMITTED, at=now, actor=submit.actor, version=submit.version, detail=detail, words=said)
    ]


def check_reopen(state: MouState, reopen: Reopen) -> None:
    require_owner_officer(state, reopen.actor)
    _require_reopenable(state)


def _require_reopenable(state: MouState) -> None:
    """What reopening needs, checked again when it is applied (mouflow.domain.rules)."""
    require_stage(state, {Stage.READY_TO_SIGN}, "reopen the approved version")
    if state.signatures:
        raise WrongStage("a party has signed already; void the signatures before reopening")


def apply_reopen(state: MouState, reopen: Reopen, now: datetime) -> list[Event]:
    """Back to drafting with every approval cleared; the next version goes round every party again."""
    _require_reopenable(state)
    version = state.approved_version
    state.approved_version = None
    state.stage = Stage.DRAFTING
    return [Event(kind=EventKind.REOPENED, at=now, actor=reopen.actor, version=version, detail=reopen.reason)]


def check_withdraw(state: MouState, close: Close) -> None:
    require_owner_officer(state, close.actor)
    _require_withdrawable(state)


def _require_withdrawable(state: MouState) -> None:
    """What withdrawing needs, checked again when it is applied (mouflow.domain.rules)."""
    require_stage(state, PRE_SIGNATURE_STAGES, "withdraw")


def apply_withdraw(state: MouState, close: Close, now: datetime) -> list[Event]:
    """Before every party signed, the owner may withdraw, partly signed or not: the signatures stay on record."""
    _require_withdrawable(state)
    state.stage = Stage.WITHDRAWN
    state.closure = Closure(stage=Stage.WITHDRAWN, reason=close.reason, by=close.actor, at=now)
    if state.open_round:
        state.open_round.closed = True
    return [Event(kind=EventKind.WITHDRAWN, at=now, actor=close.actor, detail=close.reason)]
