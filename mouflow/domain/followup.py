"""Follow-up: milestones with their own clocks, progress reports, confirmations, amendments."""

from datetime import date, datetime, timedelta

from mouflow.domain.access import require_officer, require_owner_officer, require_stage, require_term
from mouflow.domain.actions import AmendMilestones, ConfirmMilestone, ReportProgress, Reschedule
from mouflow.domain.calendar import add_months, local_date
from mouflow.domain.content import Bilingual, MilestonePlanItem
from mouflow.domain.dates import check_due_date
from mouflow.domain.drafting import check_plan
from mouflow.domain.enums import EXECUTED_STAGES, EventKind, MilestoneStatus, Role
from mouflow.domain.event_words import coded, words
from mouflow.domain.state import Event, Milestone, MouState, ProgressRecord, Term
from mouflow.errors import AlreadyDone, Forbidden, InvalidInput, NotFound


def due_date_in_term(item: MilestonePlanItem, term: Term, term_months: int) -> date:
    if item.due_date is not None:  # a fixed date recurs on the same day of each renewed term
        return add_months(item.due_date, term_months * (term.number - 1))
    return add_months(term.effective_date, item.offset_months or 0) + timedelta(days=item.offset_days)


def instantiate(items: list[MilestonePlanItem], term: Term, term_months: int) -> list[Milestone]:
    return [
        Milestone(
            id=item.id,
            title=item.title,
            owner_party_id=item.owner_party_id,
            due_date=due_date_in_term(item, term, term_months),
            requires_confirmation=item.requires_confirmation,
            term_number=term.number,
        )
        for item in items
    ]


def _existing(state: MouState, milestone_id: str, field: str | None = None) -> Milestone:
    milestone = state.milestone(milestone_id)
    if milestone is None:
        raise NotFound(
            "MoU {mou} has no milestone {milestone!r}", field=field, mou=state.mou_id, milestone=milestone_id
        )
    return milestone


def _followed_up(state: MouState, milestone_id: str, doing: str) -> Milestone:
    """What progress and confirmation need, checked again when they are applied (mouflow.domain.rules)."""
    require_stage(state, EXECUTED_STAGES, doing)
    return _existing(state, milestone_id)


def check_progress(state: MouState, report: ReportProgress) -> None:
    require_officer(state, report.actor)
    milestone = _followed_up(state, report.milestone_id, "report milestone progress")
    if report.actor.party_id != milestone.owner_party_id:
        raise Forbidden(
            "milestone {milestone!r} is reported by its owner {owner!r}",
            milestone=milestone.id,
            owner=milestone.owner_party_id,
        )
    _require_not_done(milestone)


def _require_not_done(milestone: Milestone, field: str | None = None) -> None:
    if milestone.status is MilestoneStatus.DONE:
        raise AlreadyDone("milestone {milestone!r} is already done", field=field, milestone=milestone.id)


def apply_progress(state: MouState, report: ReportProgress, now: datetime) -> list[Event]:
    milestone = _followed_up(state, report.milestone_id, "report milestone progress")
    _require_not_done(milestone)
    milestone.status = report.status
    milestone.progress.append(ProgressRecord(status=report.status, note=report.note, reporter=report.actor, at=now))
    detail = f"{report.status}: {report.note}".rstrip(": ")
    said = coded(report.status, report.note)
    return [
        Event(
            kind=EventKind.MILESTONE_PROGRESS,
            at=now,
            actor=report.actor,
            milestone_id=milestone.id,
            detail=detail,
            words=said,
        )
    ]


def check_confirm(state: MouState, confirm: ConfirmMilestone) -> None:
    if confirm.actor.role is not Role.MANAGER:  # managers audit every MoU, so they may confirm any
        require_officer(state, confirm.actor)
    milestone = _asking_confirmation(state, confirm)
    if confirm.actor.party_id == milestone.owner_party_id:
        raise Forbidden("milestone {milestone!r} is confirmed by the other side, not its owner", milestone=milestone.id)
    _require_awaiting_confirmation(milestone)


def _asking_confirmation(state: MouState, confirm: ConfirmMilestone) -> Milestone:
    milestone = _followed_up(state, confirm.milestone_id, "confirm a milestone")
    if not milestone.requires_confirmation:
        raise InvalidInput("milestone {milestone!r} does not ask for confirmation", milestone=milestone.id)
    return milestone


def _require_awaiting_confirmation(milestone: Milestone) -> None:
    """Done, and nobody has confirmed it yet."""
    if milestone.status is not MilestoneStatus.DONE:
        raise InvalidInput(
            "milestone {milestone!r} is {status}; only a done milestone is confirmed",
            milestone=milestone.id,
            status=milestone.status.value,
        )
    if milestone.confirmed_by is not None:
        raise AlreadyDone(
            "milestone {milestone!r} was confirmed by {name}", milestone=milestone.id, name=milestone.confirmed_by.name
        )


def apply_confirm(state: MouState, confirm: ConfirmMilestone, now: datetime) -> list[Event]:
    milestone = _asking_confirmation(state, confirm)
    _require_awaiting_confirmation(milestone)
    milestone.confirmed_by, milestone.confirmed_at = confirm.actor, now
    return [
        Event(
            kind=EventKind.MILESTONE_CONFIRMED,
            at=now,
            actor=confirm.actor,
            milestone_id=milestone.id,
            detail=confirm.note,
        )
    ]


def check_amend(state: MouState, amend: AmendMilestones) -> None:
    require_owner_officer(state, amend.actor)
    _amended_term(state, amend)


def _amended_term(state: MouState, amend: AmendMilestones) -> Term:
    """What the amendment needs, checked again when it is applied (mouflow.domain.rules): a term to change
    the milestones of, a plan that stays consistent, and milestones to move or remove that are there and
    not done (a done milestone stays on record as it was)."""
    require_stage(state, EXECUTED_STAGES, "amend the milestone plan")
    check_plan(state.party_ids, amend.milestones, taken={m.id for m in state.milestones})
    for field, milestone_id in _changed_ids(amend):
        _require_not_done(_existing(state, milestone_id, field), field=field)
    return require_term(state)


def _changed_ids(amend: AmendMilestones) -> list[tuple[str, str]]:
    """(field, milestone id) of each milestone the amendment moves or removes."""
    moved = [(f"reschedule[{index}].milestone_id", item.milestone_id) for index, item in enumerate(amend.reschedule)]
    return moved + [(f"remove[{index}]", milestone_id) for index, milestone_id in enumerate(amend.remove)]


def check_new_amendment(state: MouState, amend: AmendMilestones, now: datetime) -> None:
    """The Update's validator: the rule, then the dates that only new input meets."""
    check_amend(state, amend)
    check_amendment_dates(state, amend, now)


def first_due_day(term: Term, today: date) -> date:
    """The first day an amendment may make a milestone due: not before the term, not in the past."""
    return max(term.effective_date, today)


def check_amendment_dates(state: MouState, amend: AmendMilestones, now: datetime) -> None:
    """New input only (see mouflow.domain.dates): each new or moved milestone due inside the current term,
    not in the past."""
    term = require_term(state)
    term_months = state.executed_content.term_months
    start = first_due_day(term, local_date(now))
    for index, item in enumerate(amend.milestones):
        due = due_date_in_term(item, term, term_months)
        check_due_date(item.id, due, start, term.end_date, field=f"milestones[{index}]")
    for index, moved in enumerate(amend.reschedule):
        field = f"reschedule[{index}].due_date"
        check_due_date(moved.milestone_id, moved.due_date, start, term.end_date, field=field)
        milestone = state.milestone(moved.milestone_id)
        if milestone is not None and milestone.due_date == moved.due_date:
            raise InvalidInput(
                "milestone {milestone!r} is already due on {due}",
                field=field,
                milestone=milestone.id,
                due=moved.due_date,
            )


def apply_amend(state: MouState, amend: AmendMilestones, now: datetime) -> list[Event]:
    term = _amended_term(state, amend)
    events = []
    if amend.milestones:
        state.milestone_plan.extend(amend.milestones)
        state.milestones.extend(instantiate(amend.milestones, term, state.executed_content.term_months))
        ids = ", ".join(item.id for item in amend.milestones)
        titles = Bilingual(
            en=", ".join(item.title.en for item in amend.milestones),
            zh="、".join(item.title.zh for item in amend.milestones),
        )
        said = words("added %(milestones)s: %(reason)s", names={"milestones": titles}, texts={"reason": amend.reason})
        detail = f"added {ids}: {amend.reason}"
        events.append(Event(kind=EventKind.MILESTONES_AMENDED, at=now, actor=amend.actor, detail=detail, words=said))
    events += [_reschedule(state, moved, amend, now) for moved in amend.reschedule]
    events += [_remove(state, milestone_id, amend, now) for milestone_id in amend.remove]
    return events


def _reschedule(state: MouState, moved: Reschedule, amend: AmendMilestones, now: datetime) -> Event:
    """This term's milestone moves; the plan keeps its rule for later terms. Moved later, its reminders start
    again; moved earlier, those sent stay sent. It is overdue again only once the new date has passed."""
    milestone = _existing(state, moved.milestone_id)
    earlier = milestone.due_date
    if moved.due_date > earlier:
        milestone.reminders_sent = []
    milestone.due_date, milestone.overdue_since = moved.due_date, None
    return Event(
        kind=EventKind.MILESTONE_RESCHEDULED,
        at=now,
        actor=amend.actor,
        milestone_id=milestone.id,
        detail=f"{earlier} → {moved.due_date}: {amend.reason}",
        words=words(
            "%(earlier)s → %(later)s: %(reason)s",
            days={"earlier": earlier, "later": moved.due_date},
            texts={"reason": amend.reason},
        ),
    )


def _remove(state: MouState, milestone_id: str, amend: AmendMilestones, now: datetime) -> Event:
    """Out of this term and of the plan, so no later term has it either."""
    state.milestones.remove(_existing(state, milestone_id))
    state.milestone_plan = [item for item in state.milestone_plan if item.id != milestone_id]
    return Event(
        kind=EventKind.MILESTONE_REMOVED, at=now, actor=amend.actor, milestone_id=milestone_id, detail=amend.reason
    )
