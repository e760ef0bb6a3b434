"""What time alone does to an MoU: reminders, escalations, overdue flags, coming into force, term end.

`next_moment` tells the workflow how long it may sleep; `fire_due` applies everything whose
moment has come. Each moment fires once: what fired is recorded in the state itself.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mouflow.domain.calendar import hong_kong_time, start_of_day
from mouflow.domain.enums import EXECUTED_STAGES, EventKind, MilestoneStatus, Stage
from mouflow.domain.event_words import EventWords, words
from mouflow.domain.review import awaiting_review
from mouflow.domain.state import Event, Milestone, MouState, ReviewRound
from mouflow.domain.term import RENEWAL_NOTICE_DAYS, end_term
from mouflow.domain.termination import end_by_notice

REVIEW_REMINDER_DAYS = (3, 1)
MILESTONE_REMINDER_DAYS = (14, 3)
OFFICE_HOURS_START = timedelta(hours=9)  # reminders go out in the morning, Hong Kong time
MAX_FIRINGS_PER_WAKE = 10_000  # a state that keeps producing due moments is a bug, not a loop


@dataclass(frozen=True)
class Moment:
    at: datetime
    fire: Callable[[datetime], list[Event]]


def morning_of(day: date) -> datetime:
    return start_of_day(day) + OFFICE_HOURS_START


def next_moment(state: MouState) -> datetime | None:
    return min((moment.at for moment in _pending(state)), default=None)


def fire_due(state: MouState, now: datetime) -> list[Event]:
    events: list[Event] = []
    for _ in range(MAX_FIRINGS_PER_WAKE):
        due = [moment for moment in _pending(state) if moment.at <= now]
        if not due:
            return events
        events += min(due, key=lambda moment: moment.at).fire(now)
    raise RuntimeError(f"MoU {state.mou_id}: time-driven moments do not settle")


def _pending(state: MouState) -> Iterator[Moment]:
    review_round = state.open_round
    if state.stage is Stage.IN_REVIEW and review_round and review_round.escalated_at is None:
        yield from _review_moments(state, review_round)
    if state.stage in EXECUTED_STAGES:
        for milestone in state.milestones:
            yield from _milestone_moments(milestone)
        if state.termination_notice is not None:
            yield Moment(start_of_day(state.termination_notice.ends_on), lambda now: end_by_notice(state, now))
        yield from _term_moments(state)


def _review_moments(state: MouState, review_round: ReviewRound) -> Iterator[Moment]:
    deadline = review_round.deadline

    def remind(now: datetime) -> list[Event]:
        review_round.reminders_sent = [d for d in REVIEW_REMINDER_DAYS if deadline - timedelta(days=d) <= now]
        waiting = ", ".join(awaiting_review(state))
        detail = f"review of version {review_round.version} due {hong_kong_time(deadline)}; waiting on {waiting}"
        said = words(
            "review of version %(version)s due %(deadline)s; waiting on %(parties)s",
            texts={"version": str(review_round.version)},
            moments={"deadline": deadline},
            parties={"parties": awaiting_review(state)},
        )
        return [Event(kind=EventKind.REVIEW_REMINDER, at=now, version=review_round.version, detail=detail, words=said)]

    def escalate(now: datetime) -> list[Event]:
        review_round.escalated_at = now
        detail = f"review deadline passed; escalated to managers; still waiting on {', '.join(awaiting_review(state))}"
        said = words(
            "review deadline passed; escalated to managers; still waiting on %(parties)s",
            parties={"parties": awaiting_review(state)},
        )
        return [Event(kind=EventKind.REVIEW_ESCALATED, at=now, version=review_round.version, detail=detail, words=said)]

    unsent = [days for days in REVIEW_REMINDER_DAYS if days not in review_round.reminders_sent]
    if unsent:
        yield Moment(deadline - timedelta(days=max(unsent)), remind)
    yield Moment(deadline, escalate)


def _milestone_moments(milestone: Milestone) -> Iterator[Moment]:
    if milestone.status is MilestoneStatus.DONE or milestone.overdue_since is not None:
        return
    due = milestone.due_date

    def reminder_at(days: int) -> datetime:
        return morning_of(due - timedelta(days=days))

    def remind(now: datetime) -> list[Event]:
        milestone.reminders_sent = [d for d in MILESTONE_REMINDER_DAYS if reminder_at(d) <= now]
        said = words("due on %(due)s", days={"due": due})
        return [_milestone_event(EventKind.MILESTONE_REMINDER, milestone, now, f"due on {due}", said)]

    def overdue(now: datetime) -> list[Event]:
        milestone.overdue_since = now
        detail = f"was due on {due}; status {milestone.status}"
        said = words("was due on %(due)s; status %(status)s", days={"due": due}, codes={"status": milestone.status})
        return [_milestone_event(EventKind.MILESTONE_OVERDUE, milestone, now, detail, said)]

    unsent = [days for days in MILESTONE_REMINDER_DAYS if days not in milestone.reminders_sent]
    if unsent:
        yield Moment(reminder_at(max(unsent)), remind)
    yield Moment(start_of_day(due + timedelta(days=1)), overdue)


def _milestone_event(kind: EventKind, milestone: Milestone, now: datetime, detail: str, said: EventWords) -> Event:
    owner = milestone.owner_party_id
    return Event(kind=kind, at=now, milestone_id=milestone.id, party_id=owner, detail=detail, words=said)


def _term_moments(state: MouState) -> Iterator[Moment]:
    term = state.term
    if term is None:
        return

    def come_into_force(now: datetime) -> list[Event]:
        state.stage = Stage.IN_FORCE
        return [Event(kind=EventKind.IN_FORCE, at=now, version=state.executed_version)]

    def renewal_due(now: datetime) -> list[Event]:
        term.renewal_notice_sent = True
        detail = f"term {term.number} ends on {term.end_date}; parties decide to renew or let it expire"
        said = words(
            "term %(term)s ends on %(end)s; parties decide to renew or let it expire",
            texts={"term": str(term.number)},
            days={"end": term.end_date},
        )
        return [Event(kind=EventKind.RENEWAL_DUE, at=now, detail=detail, words=said)]

    if state.stage is Stage.SIGNED:
        yield Moment(start_of_day(term.effective_date), come_into_force)
        return
    if not term.renewal_notice_sent:
        yield Moment(morning_of(term.end_date - timedelta(days=RENEWAL_NOTICE_DAYS)), renewal_due)
    yield Moment(start_of_day(term.end_date), lambda now: end_term(state, now))
