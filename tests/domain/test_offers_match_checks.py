"""The forms an MoU's page offers are exactly those the workflow's Update validators would accept.

Over states reached by random sequences of actions (made as tests/domain/test_any_sequence.py makes them),
some with documents missing, and for every user: the officers, viewers, managers and admins of each party,
of a party that is not a party to the MoU, and operators. Both ways, for each form:

- offered: every action the form can send, with what the page wrote in it and any valid value the user
  types or picks, passes the check its Update's validator runs (`moves.CHECK`);
- not offered: every action the form could send, naming any version, is refused by that check.

The draft editor sends a new version whose base is the one it started from. It is offered exactly when a
revision with SOME valid text would be accepted: the current text, its dates moved into their windows
(no effective date, every milestone due at the term's start), stands for what the officer types; the
dates of the current text, which may have aged out, are the editor's to fix and the Save's to judge.

The way of signing and the way of ending a signed MoU (notice, agreement) are the choices the checks tell
apart: a mode or a way is offered exactly when its action would be accepted. A milestone added by amendment is
checked in every field, so the valid values sent are several: each owner among the parties, the first and the
last day a new milestone may be due, by date or offset, with or without confirmation. A milestone moved is
sent to the first and the last day it may be due; a comment is marked addressed with or without a note, or
answered with a reply.
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mouflow.demo import HKTE, QIANHAI, gba_mou, officer
from mouflow.domain import drafting, paperwork
from mouflow.domain.actions import (
    Action,
    Actor,
    AmendMilestones,
    AnswerComment,
    Close,
    ConfirmMilestone,
    DecideRenewal,
    Reopen,
    ReportProgress,
    Reschedule,
    Review,
    Revise,
    ScheduleCeremony,
    Sign,
    Signatory,
    Submit,
    Terminate,
    VoidSignatures,
)
from mouflow.domain.calendar import local_date
from mouflow.domain.content import Bilingual, DraftContent, MilestonePlanItem
from mouflow.domain.enums import (
    CommentResolution,
    DocumentKind,
    MilestoneStatus,
    ReviewDecision,
    Role,
    SigningMode,
    TerminationWay,
)
from mouflow.domain.offers import Offers, offers_for
from mouflow.domain.rules import CURRENT_RULES, FIRST_RULES
from mouflow.domain.state import DocumentOrder, MouState
from mouflow.errors import RuleViolation
from tests.domain import builders
from tests.domain.moves import apply, check, let_time_pass
from tests.domain.test_any_sequence import MILESTONE_IDS, STARTS, STEPS, T0

USERS = [
    Actor(user_id=f"{party}-{role}", name=f"{party} {role}", party_id=party, role=role)
    for party in ("hkte", "qianhai", "nansha", "system")  # Nansha is a party only to the three-party MoU
    for role in Role
]
NOTES = ("", "Checked with the partner")  # what a user may type in a comment or a note, or leave empty
CHANGES = "Clause 2 needs the partner's name"  # a request for changes says what to change
SIGNATORY = Signatory(name_en="Chan Tai Man", title_en="Director", name_zh="陳大文")
VENUE = Bilingual(en="Central Government Offices, Tamar", zh="添馬政府總部")
CEREMONY_LEADS = (timedelta(hours=1), timedelta(days=1), timedelta(days=30), timedelta(days=365))
REASONS = ("Zone restructured", "合作範圍調整")  # any reason a user types: the checks never read it
ANY_PARTY = ("hkte", "qianhai", "nansha")
ANY_DOCUMENT = [(DocumentKind.DRAFT, 1), (DocumentKind.EXECUTED, 1), (DocumentKind.CEREMONY_PROGRAMME, None)]


def three_parties_in_review(now: datetime) -> MouState:
    state, _ = drafting.start_mou(gba_mou(), now)
    drafting.apply_submit(state, Submit(actor=officer(HKTE), version=1), now)
    return state


def in_force_with_a_milestone_done(now: datetime) -> MouState:
    """HKTE's recruitment fair done, which the partner confirms: random steps seldom get this far."""
    state = builders.executed(now)
    fair = ReportProgress(actor=officer(HKTE), milestone_id="joint-recruitment-fair", status=MilestoneStatus.DONE)
    apply(state, fair, now)
    return state


def partly_signed(now: datetime) -> MouState:
    """HKTE signed at the ceremony, Qianhai not yet: the signatures the owner may void."""
    state = builders.signing_open(now)
    apply(state, Sign(actor=officer(HKTE), version=1, signatory=SIGNATORY), now)
    return state


def in_force_under_notice(now: datetime) -> MouState:
    """Qianhai gave notice: nobody may give it again, but every party may still consent to end it at once."""
    state = builders.executed(now)
    apply(state, Terminate(actor=officer(QIANHAI), reason=REASONS[0]), now)
    return state


STATES = {
    **STARTS,
    "three parties in review": three_parties_in_review,
    "in force, a milestone done": in_force_with_a_milestone_done,
    "partly signed": partly_signed,
    "in force, under notice": in_force_under_notice,
}
MISSING = st.lists(
    st.tuples(st.sampled_from(list(DocumentKind)), st.sampled_from([None, 1, 2]), st.booleans()), max_size=3
)


def dated_now(content: DraftContent) -> DraftContent:
    """The text with no effective date (it takes effect on signing) and every milestone due at the term's start."""
    due_at_start = {"due_date": None, "offset_months": 0, "offset_days": 0}
    milestones = [item.model_copy(update=due_at_start) for item in content.milestones]
    return content.model_copy(update={"effective_date": None, "milestones": milestones})


def refusal(state: MouState, action: Action, now: datetime) -> str | None:
    try:
        check(state, action, now)
    except RuleViolation as refused:
        return refused.message
    return None


def form_matches(name: str, offered: bool, sent: Sequence[Action], could_send: Sequence[Action], state, now) -> None:  # type: ignore[no-untyped-def]
    """`sent`: what the offered form sends; `could_send`: what any such form could send, were it offered."""
    if offered:
        event(f"offered: {name}")
        for action in sent:
            refused = refusal(state, action, now)
            assert refused is None, f"{name} is offered to {action.actor.user_id}, but {action!r} is refused: {refused}"
        return
    for action in could_send:
        assert refusal(state, action, now) is not None, (
            f"{name} is not offered to {action.actor.user_id}, but the check accepts {action!r} ({state.stage})"
        )


def version_forms(state: MouState, offers: Offers, user: Actor, now: datetime) -> None:
    versions = range(1, len(state.versions) + 2)  # every version the MoU has, and one it has not

    def submits(version: int | None) -> list[Action]:
        return [Submit(actor=user, version=version or 1, review_days=days) for days in (1, 14, 180)]

    def reviews(version: int | None) -> list[Action]:
        approvals = [
            Review(actor=user, version=version or 1, decision=ReviewDecision.APPROVE, comment=c) for c in NOTES
        ]
        return [
            *approvals,
            Review(actor=user, version=version or 1, decision=ReviewDecision.REQUEST_CHANGES, comment=CHANGES),
        ]

    def revisions(version: int | None) -> list[Action]:
        """Some valid text the officer may type: the current version's, with dates in their windows today."""
        return [Revise(actor=user, base_version=version or 1, content=dated_now(state.current_version.content))]

    offered = offers.draft_version
    could_send = [a for v in versions for a in revisions(v)]
    form_matches("draft", offered is not None, revisions(offered), could_send, state, now)
    offered = offers.submit_version
    form_matches("submit", offered is not None, submits(offered), [a for v in versions for a in submits(v)], state, now)
    offered = offers.review_version
    form_matches("review", offered is not None, reviews(offered), [a for v in versions for a in reviews(v)], state, now)
    assert (offers.sign_version is not None) == bool(offers.sign_modes)
    for mode in SigningMode:

        def signs(version: int | None, mode: SigningMode = mode) -> list[Action]:
            return [Sign(actor=user, version=version or 1, signatory=SIGNATORY, mode=mode)]

        offered_mode = mode in offers.sign_modes
        could_send = [a for v in versions for a in signs(v)]
        form_matches(f"sign {mode}", offered_mode, signs(offers.sign_version), could_send, state, now)


def other_forms(state: MouState, offers: Offers, user: Actor, now: datetime) -> None:
    ceremonies = [ScheduleCeremony(actor=user, starts_at=now + lead, venue=VENUE) for lead in CEREMONY_LEADS]
    form_matches("schedule ceremony", offers.schedule_ceremony, ceremonies, ceremonies, state, now)
    renewals = [DecideRenewal(actor=user, renew=renew, comment=c) for renew in (True, False) for c in NOTES]
    form_matches("decide renewal", offers.decide_renewal, renewals, renewals, state, now)
    milestone_ids = {m.id for m in state.milestones} | set(MILESTONE_IDS)
    assert set(offers.report_progress) | set(offers.confirm) <= milestone_ids
    for milestone_id in sorted(milestone_ids):
        reports = [
            ReportProgress(actor=user, milestone_id=milestone_id, status=status, note=note)
            for status in (MilestoneStatus.IN_PROGRESS, MilestoneStatus.DONE)
            for note in NOTES
        ]
        form_matches("report progress", milestone_id in offers.report_progress, reports, reports, state, now)
        confirms = [ConfirmMilestone(actor=user, milestone_id=milestone_id, note=note) for note in NOTES]
        form_matches("confirm", milestone_id in offers.confirm, confirms, confirms, state, now)
    documents = {(m.kind, m.version) for m in state.paperwork.missing} | set(ANY_DOCUMENT)
    assert set(offers.make_again) <= documents
    for kind, version in sorted(documents, key=str):
        asks = [paperwork.RequestDocument(actor=user, kind=kind, version=version)]
        form_matches("make again", offers.may_make_again(kind, version), asks, asks, state, now)


def closing_forms(state: MouState, offers: Offers, user: Actor, now: datetime) -> None:
    withdrawals = [Close(actor=user, reason=reason) for reason in REASONS]
    form_matches("withdraw", offers.withdraw, withdrawals, withdrawals, state, now)
    for way in (TerminationWay.NOTICE, TerminationWay.AGREEMENT):
        ends = [Terminate(actor=user, reason=reason, by=way) for reason in REASONS]
        form_matches(f"terminate by {way}", way in offers.terminate_ways, ends, ends, state, now)
    voids = [VoidSignatures(actor=user, reason=reason) for reason in REASONS]
    form_matches("void signatures", offers.void_signatures, voids, voids, state, now)
    reopens = [Reopen(actor=user, reason=reason) for reason in REASONS]
    form_matches("reopen", offers.reopen, reopens, reopens, state, now)
    valid = [
        AmendMilestones(actor=user, milestones=[item], reason=REASONS[0]) for item in valid_new_milestones(state, now)
    ]
    could_send = [
        AmendMilestones(actor=user, milestones=[item], reason=REASONS[0]) for item in any_new_milestones(state, now)
    ]
    form_matches("amend milestones", offers.amend_milestones, valid, could_send, state, now)
    milestone_forms(state, offers, user, now)
    answer_forms(state, offers, user, now)


def milestone_forms(state: MouState, offers: Offers, user: Actor, now: datetime) -> None:
    """Each milestone's own forms: moved to any day it may be due, or removed."""
    milestone_ids = {m.id for m in state.milestones} | set(MILESTONE_IDS)
    assert set(offers.reschedule) | set(offers.remove) <= milestone_ids
    today = local_date(now)
    for milestone_id in sorted(milestone_ids):
        sent = [
            AmendMilestones(actor=user, reschedule=[Reschedule(milestone_id=milestone_id, due_date=day)], reason=r)
            for day in days_a_milestone_may_be_moved_to(state, milestone_id, now)
            for r in REASONS
        ]
        could_send = [
            AmendMilestones(actor=user, reschedule=[Reschedule(milestone_id=milestone_id, due_date=day)], reason="r")
            for day in (today, today + timedelta(days=30), today + timedelta(days=365))
        ]
        form_matches("reschedule", milestone_id in offers.reschedule, sent, could_send, state, now)
        removals = [AmendMilestones(actor=user, remove=[milestone_id], reason=r) for r in REASONS]
        form_matches("remove", milestone_id in offers.remove, removals, removals, state, now)


def days_a_milestone_may_be_moved_to(state: MouState, milestone_id: str, now: datetime) -> list[date]:
    """The first and the last day it may be due, but the day it is due already."""
    if state.term is None:
        return []
    first = max(state.term.effective_date, local_date(now))
    last = state.term.end_date - timedelta(days=1)
    milestone = state.milestone(milestone_id)
    due = milestone.due_date if milestone is not None else None
    return [day for day in (first, first + timedelta(days=1), last) if first <= day <= last and day != due]


def answer_forms(state: MouState, offers: Offers, user: Actor, now: datetime) -> None:
    comment_ids = {c.id for c in state.comments} | {"c1", "c9"}
    assert set(offers.answer_comments) <= comment_ids
    for comment_id in sorted(comment_ids):
        marks = [
            AnswerComment(actor=user, comment_id=comment_id, resolution=CommentResolution.ADDRESSED, reply=note)
            for note in NOTES
        ]
        answers = [
            AnswerComment(actor=user, comment_id=comment_id, resolution=CommentResolution.ANSWERED, reply=CHANGES)
        ]
        offered = comment_id in offers.answer_comments
        form_matches("answer comment", offered, marks + answers, marks + answers, state, now)


def new_milestone(state: MouState, owner: str, confirm: bool, due: dict[str, date | int]) -> MilestonePlanItem:
    taken = {m.id for m in state.milestones}
    fresh = next(f"added-{n}" for n in range(len(taken) + 1) if f"added-{n}" not in taken)
    title = Bilingual(en="Joint talent forum", zh="聯合人才論壇")
    fields = {"id": fresh, "title": title, "owner_party_id": owner, "requires_confirmation": confirm, **due}
    return MilestonePlanItem.model_validate(fields)


def valid_new_milestones(state: MouState, now: datetime) -> list[MilestonePlanItem]:
    """What a user may type in the amendment form and the check must accept: any party as owner, due on the
    first or the last day a new milestone may be, by offset (days from the effective date); by date too in
    the first term, where a fixed date does not recur a term later."""
    if state.term is None:
        return []  # nothing in force: no form, and nothing valid to type
    effective, last = state.term.effective_date, state.term.end_date - timedelta(days=1)
    first = max(effective, local_date(now))
    if first > last:
        return []  # the term's last day has passed: no day is left to be due on
    dues: list[dict[str, date | int]] = [
        {"offset_months": 0, "offset_days": (day - effective).days} for day in (first, last)
    ]
    if state.term.number == 1:
        dues += [{"due_date": first}, {"due_date": last}]
    return [
        new_milestone(state, owner, confirm, due)
        for owner in state.party_ids
        for confirm in (False, True)
        for due in dues
    ]


def any_new_milestones(state: MouState, now: datetime) -> list[MilestonePlanItem]:
    """What the form could send, were it offered: any owner, any day around now."""
    today = local_date(now)
    days = (today, today + timedelta(days=30), today + timedelta(days=365))
    return [new_milestone(state, owner, False, {"due_date": day}) for owner in ANY_PARTY for day in days]


def offers_match_checks(state: MouState, now: datetime) -> None:
    before = state.model_copy(deep=True)
    for user in USERS:
        offers = offers_for(state, user, now)
        version_forms(state, offers, user, now)
        other_forms(state, offers, user, now)
        closing_forms(state, offers, user, now)
    assert state == before  # asking changes nothing


def with_missing_documents(state: MouState, missing: list[tuple[DocumentKind, int | None, bool]]) -> None:
    """Renders that failed for good, some asked for again: only the workflow's documents make these."""
    for kind, version, asked in missing:
        paperwork.mark_missing(state, DocumentOrder(kind=kind, version=version), "a font is missing", T0)
        if asked:
            state.paperwork.missing[-1].requested_at = T0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    steps=STEPS,
    rules=st.sampled_from([FIRST_RULES, CURRENT_RULES]),
    start=st.sampled_from(list(STATES)),
    missing=MISSING,
)
def test_the_offered_forms_are_exactly_those_the_checks_accept(steps, rules: int, start: str, missing) -> None:
    state = STATES[start](T0)
    event(f"started {start}")
    state.rules = rules
    with_missing_documents(state, missing)
    now = T0
    offers_match_checks(state, now)
    for actor, (kind, fields), hours in steps:
        now += timedelta(hours=hours)
        let_time_pass(state, now)
        try:
            action = kind.model_validate({"actor": actor.model_dump(), **fields})
        except ValidationError:
            continue
        if refusal(state, action, now) is None:
            apply(state, action, now)
        offers_match_checks(state, now)  # after time passed too: a ceremony may have started
    event(f"ended {state.stage}")


def test_the_editor_is_offered_when_the_current_texts_dates_have_aged_out() -> None:
    """Editing is how an aged-out date is fixed: the editor stays offered, and the Save judges the dates."""
    now = datetime(2025, 3, 1, 12, tzinfo=UTC)
    start = gba_mou()
    dated = start.content.model_copy(update={"effective_date": date(2025, 4, 1)})
    state, _ = drafting.start_mou(start.model_copy(update={"content": dated}), now)
    later = now + timedelta(days=3 * 365)
    current = state.current_version
    aged = Revise(actor=officer(HKTE), base_version=current.number, content=current.content)
    assert refusal(state, aged, later) is not None  # the current text's dates are out of their windows now
    assert offers_for(state, officer(HKTE), later).draft_version == current.number
    fixed = Revise(actor=officer(HKTE), base_version=current.number, content=dated_now(current.content))
    assert refusal(state, fixed, later) is None
