"""Ceremony and signatures: when every party has signed the approved version, it is executed.

Signatures belong to the ceremony: they are taken from its start. A party that cannot attend signs
its own counterpart, at any time once the version is approved, and the record says so.
"""

from datetime import datetime

from mouflow.domain.access import require_officer, require_owner_officer, require_stage
from mouflow.domain.actions import ScheduleCeremony, Sign, Signatory, VoidSignatures
from mouflow.domain.calendar import add_months, hong_kong_time, local_date
from mouflow.domain.content import Bilingual
from mouflow.domain.dates import check_ceremony_window
from mouflow.domain.enums import EventKind, SigningMode, Stage
from mouflow.domain.event_words import EventWords, words
from mouflow.domain.followup import instantiate
from mouflow.domain.rules import signs_at_ceremony
from mouflow.domain.state import Ceremony, Event, MouState, SignatureRecord, Term, VoidedSignatures
from mouflow.errors import AlreadyDone, InvalidInput, StaleVersion, WrongStage


def check_ceremony(state: MouState, schedule: ScheduleCeremony, now: datetime) -> None:
    require_owner_officer(state, schedule.actor)
    _require_signing_stage(state, "schedule the signing ceremony")
    if schedule.starts_at <= now:
        raise InvalidInput(
            "the ceremony must be in the future; {starts_at} has passed",
            field="starts_at",
            starts_at=hong_kong_time(schedule.starts_at),
        )


def check_new_ceremony(state: MouState, schedule: ScheduleCeremony, now: datetime) -> None:
    """The Update's validator: the rule, then the window that only new input meets."""
    check_ceremony(state, schedule, now)
    check_ceremony_window(schedule.starts_at, now)


def _require_signing_stage(state: MouState, doing: str) -> None:
    """What a ceremony, a signature or voiding needs, checked again when applied (mouflow.domain.rules)."""
    require_stage(state, {Stage.READY_TO_SIGN}, doing)


def apply_ceremony(state: MouState, schedule: ScheduleCeremony, now: datetime) -> list[Event]:
    _require_signing_stage(state, "schedule the signing ceremony")
    kind = EventKind.CEREMONY_RESCHEDULED if state.ceremony else EventKind.CEREMONY_SCHEDULED
    state.ceremonies.append(
        Ceremony(
            starts_at=schedule.starts_at,
            time_zone=schedule.time_zone,
            venue=schedule.venue,
            witnesses=list(schedule.witnesses),
            scheduled_by=schedule.actor,
            scheduled_at=now,
            version=state.approved_version,
        )
    )
    detail = f"{hong_kong_time(schedule.starts_at)} at {schedule.venue.en}"
    said = words("%(starts)s at %(venue)s", moments={"starts": schedule.starts_at}, names={"venue": schedule.venue})
    return [Event(kind=kind, at=now, actor=schedule.actor, version=state.approved_version, detail=detail, words=said)]


def _check_moment(state: MouState, sign: Sign, now: datetime) -> None:
    if not signs_at_ceremony(state):
        if sign.mode is SigningMode.IN_COUNTERPART:  # the first rules knew one way of signing
            raise WrongStage("this MoU's rules know no signing in counterpart; sign at the ceremony")
        return
    if sign.mode is SigningMode.IN_COUNTERPART:
        return
    ceremony = state.ceremony
    if ceremony is None:
        raise WrongStage("no signing ceremony is scheduled; schedule one, or sign in counterpart")
    if ceremony.version is not None and ceremony.version != state.approved_version:
        raise WrongStage(
            "the ceremony was scheduled for version {scheduled}; schedule one for version {approved}, or sign in "
            "counterpart",
            scheduled=ceremony.version,
            approved=state.approved_version,
        )
    if now < ceremony.starts_at:
        raise WrongStage(
            "signatures are taken from the ceremony's start at {starts_at}; a party that cannot attend signs in "
            "counterpart",
            starts_at=hong_kong_time(ceremony.starts_at),
        )


def check_sign(state: MouState, sign: Sign, now: datetime) -> None:
    require_officer(state, sign.actor)
    _require_unsigned(state, sign)
    _check_moment(state, sign, now)


def _require_unsigned(state: MouState, sign: Sign) -> None:
    """What recording the signature needs, checked again when it is applied (mouflow.domain.rules): it is
    the approved version's, and this party has not signed it."""
    _require_signing_stage(state, "sign")
    if sign.version != state.approved_version:
        raise StaleVersion(
            "version {version} was not approved; version {approved} was",
            field="version",
            version=sign.version,
            approved=state.approved_version,
        )
    if any(signature.party_id == sign.actor.party_id for signature in state.signatures):
        raise AlreadyDone("party {party!r} has already signed", party=sign.actor.party_id)


def apply_sign(state: MouState, sign: Sign, now: datetime) -> list[Event]:
    _require_unsigned(state, sign)
    party_id = sign.actor.party_id
    record = SignatureRecord(
        party_id=party_id, version=sign.version, signatory=sign.signatory, signed_by=sign.actor, at=now, mode=sign.mode
    )
    state.signatures.append(record)
    way = " (in counterpart)" if sign.mode is SigningMode.IN_COUNTERPART else ""
    events = [
        Event(
            kind=EventKind.SIGNED,
            at=now,
            actor=sign.actor,
            version=sign.version,
            party_id=party_id,
            detail=f"{sign.signatory.name_en}, {sign.signatory.title_en}{way}",
            words=_signed_by(sign.signatory, sign.mode),
        )
    ]
    if {signature.party_id for signature in state.signatures} == set(state.party_ids):
        events += _execute(state, now)
    return events


def check_void(state: MouState, void: VoidSignatures) -> None:
    require_owner_officer(state, void.actor)
    _require_signatures(state)


def _require_signatures(state: MouState) -> None:
    """What voiding needs, checked again when it is applied (mouflow.domain.rules)."""
    _require_signing_stage(state, "void signatures")
    if not state.signatures:
        raise WrongStage("no party has signed; there is nothing to void")


def apply_void(state: MouState, void: VoidSignatures, now: datetime) -> list[Event]:
    """The signatures of a partly signed MoU are voided, kept on record, so that a late change is possible."""
    _require_signatures(state)
    voided = VoidedSignatures(signatures=state.signatures, reason=void.reason, by=void.actor, at=now)
    state.voided_signatures.append(voided)
    state.signatures = []
    parties = [signature.party_id for signature in voided.signatures]
    detail = f"signatures of {', '.join(parties)} voided: {void.reason}"
    said = words(
        "signatures of %(parties)s voided: %(reason)s", parties={"parties": parties}, texts={"reason": void.reason}
    )
    version = state.approved_version
    return [
        Event(kind=EventKind.SIGNATURES_VOIDED, at=now, actor=void.actor, version=version, detail=detail, words=said)
    ]


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
    said = words("effective %(effective)s", days={"effective": effective})
    executed = Event(
        kind=EventKind.EXECUTED, at=now, version=state.executed_version, detail=f"effective {effective}", words=said
    )
    events = [executed]
    if effective <= today:
        state.stage = Stage.IN_FORCE
        events.append(Event(kind=EventKind.IN_FORCE, at=now, version=state.executed_version))
    else:
        state.stage = Stage.SIGNED
    return events


def _signed_by(signatory: Signatory, mode: SigningMode) -> EventWords:
    name = Bilingual(en=signatory.name_en, zh=signatory.name_zh or signatory.name_en)
    title = Bilingual(en=signatory.title_en, zh=signatory.title_zh or signatory.title_en)
    if mode is SigningMode.IN_COUNTERPART:
        return words("%(name)s, %(title)s, in counterpart", names={"name": name, "title": title})
    return words("%(name)s, %(title)s", names={"name": name, "title": title})
