"""Ceremony and signatures: when every party has signed the approved version, it is executed."""

from datetime import datetime

from mouflow.domain.access import require_officer, require_owner_officer, require_stage
from mouflow.domain.actions import ScheduleCeremony, Sign
from mouflow.domain.calendar import add_months, local_date
from mouflow.domain.enums import EventKind, Stage
from mouflow.domain.errors import AlreadyDone, InvalidInput, StaleVersion
from mouflow.domain.followup import instantiate
from mouflow.domain.state import Ceremony, Event, MouState, SignatureRecord, Term


def check_ceremony(state: MouState, schedule: ScheduleCeremony, now: datetime) -> None:
    require_owner_officer(state, schedule.actor)
    require_stage(state, {Stage.READY_TO_SIGN}, "schedule the signing ceremony")
    if schedule.starts_at <= now:
        raise InvalidInput(f"the ceremony must be in the future; {schedule.starts_at.isoformat()} has passed")


def apply_ceremony(state: MouState, schedule: ScheduleCeremony, now: datetime) -> list[Event]:
    check_ceremony(state, schedule, now)
    kind = EventKind.CEREMONY_RESCHEDULED if state.ceremony else EventKind.CEREMONY_SCHEDULED
    state.ceremonies.append(
        Ceremony(
            starts_at=schedule.starts_at,
            time_zone=schedule.time_zone,
            venue=schedule.venue,
            witnesses=list(schedule.witnesses),
            scheduled_by=schedule.actor,
            scheduled_at=now,
        )
    )
    detail = f"{schedule.starts_at.isoformat()} ({schedule.time_zone}) at {schedule.venue.en}"
    return [Event(kind=kind, at=now, actor=schedule.actor, version=state.approved_version, detail=detail)]


def check_sign(state: MouState, sign: Sign) -> None:
    require_officer(state, sign.actor)
    require_stage(state, {Stage.READY_TO_SIGN}, "sign")
    if sign.version != state.approved_version:
        raise StaleVersion(f"version {sign.version} was not approved; version {state.approved_version} was")
    if any(signature.party_id == sign.actor.party_id for signature in state.signatures):
        raise AlreadyDone(f"party {sign.actor.party_id!r} has already signed")


def apply_sign(state: MouState, sign: Sign, now: datetime) -> list[Event]:
    check_sign(state, sign)
    party_id = sign.actor.party_id
    state.signatures.append(
        SignatureRecord(party_id=party_id, version=sign.version, signatory=sign.signatory, signed_by=sign.actor, at=now)
    )
    events = [
        Event(
            kind=EventKind.SIGNED,
            at=now,
            actor=sign.actor,
            version=sign.version,
            party_id=party_id,
            detail=f"{sign.signatory.name_en}, {sign.signatory.title_en}",
        )
    ]
    if {signature.party_id for signature in state.signatures} == set(state.party_ids):
        events += _execute(state, now)
    return events


def _execute(state: MouState, now: datetime) -> list[Event]:
    """Fix the executed version, start the first term and its milestones."""
    state.executed_version = state.approved_version
    content = state.executed_content
    today = local_date(now)
    effective = max(content.effective_date or today, today)  # an MoU is never in force retroactively
    term = Term(number=1, effective_date=effective, end_date=add_months(effective, content.term_months))
    state.terms.append(term)
    state.milestone_plan = list(content.milestones)
    state.milestones = instantiate(state.milestone_plan, term, content.term_months)
    events = [Event(kind=EventKind.EXECUTED, at=now, version=state.executed_version, detail=f"effective {effective}")]
    if effective <= today:
        state.stage = Stage.IN_FORCE
        events.append(Event(kind=EventKind.IN_FORCE, at=now, version=state.executed_version))
    else:
        state.stage = Stage.SIGNED
    return events
