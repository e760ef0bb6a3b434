"""Ending an MoU that was signed: by written notice, or at once when every party agrees.

Real MoUs end by notice: a party gives notice with a reason, the MoU stays in force until the notice
period of the agreed text has run (`DraftContent.notice_months`), and then it is terminated. The
parties may instead agree to end it at once, each party's officer consenting. Under the first
edition of the rules (`mouflow.domain.rules`) one officer terminated at once; old MoUs keep that.
"""

from datetime import date, datetime

from mouflow.domain.access import require_officer, require_stage
from mouflow.domain.actions import Terminate
from mouflow.domain.calendar import add_months, local_date
from mouflow.domain.enums import EXECUTED_STAGES, EventKind, Stage, TerminationWay
from mouflow.domain.event_words import words
from mouflow.domain.rules import terminates_by_notice
from mouflow.domain.state import Closure, Event, MouState, TerminationConsent, TerminationNotice
from mouflow.errors import AlreadyDone


def check_terminate(state: MouState, terminate: Terminate) -> None:
    require_officer(state, terminate.actor)
    _require_terminable(state, terminate)


def _require_terminable(state: MouState, terminate: Terminate) -> None:
    """What a notice or a consent needs, checked again when it is applied (mouflow.domain.rules): a signed
    MoU, and under the rules of notice, no notice given yet or no consent of this party yet."""
    require_stage(state, EXECUTED_STAGES, "terminate")
    if not terminates_by_notice(state):
        return
    party_id = terminate.actor.party_id
    if terminate.by is TerminationWay.NOTICE and state.termination_notice is not None:
        notice = state.termination_notice
        raise AlreadyDone(
            "party {party!r} gave notice already; the MoU ends on {ends_on}",
            party=notice.party_id,
            ends_on=notice.ends_on,
        )
    if terminate.by is TerminationWay.AGREEMENT and party_id in state.termination_consents:
        raise AlreadyDone("party {party!r} has already consented to end the MoU at once", party=party_id)


def apply_terminate(state: MouState, terminate: Terminate, now: datetime) -> list[Event]:
    _require_terminable(state, terminate)
    if not terminates_by_notice(state):
        return _terminate(state, terminate.reason, terminate, now, TerminationWay.AT_ONCE)
    if terminate.by is TerminationWay.NOTICE:
        return _give_notice(state, terminate, now)
    return _consent(state, terminate, now)


def notice_end(state: MouState, given: date) -> date:
    return add_months(given, state.executed_content.notice_months)


def _give_notice(state: MouState, terminate: Terminate, now: datetime) -> list[Event]:
    party_id = terminate.actor.party_id
    ends_on = notice_end(state, local_date(now))
    state.termination_notice = TerminationNotice(
        party_id=party_id, reason=terminate.reason, given_by=terminate.actor, given_at=now, ends_on=ends_on
    )
    detail = f"notice given; the MoU ends on {ends_on}: {terminate.reason}"
    said = words(
        "notice given; the MoU ends on %(ends)s: %(reason)s", days={"ends": ends_on}, texts={"reason": terminate.reason}
    )
    return [
        Event(
            kind=EventKind.TERMINATION_NOTICE,
            at=now,
            actor=terminate.actor,
            party_id=party_id,
            detail=detail,
            words=said,
        )
    ]


def _consent(state: MouState, terminate: Terminate, now: datetime) -> list[Event]:
    party_id = terminate.actor.party_id
    state.termination_consents[party_id] = TerminationConsent(
        party_id=party_id, reason=terminate.reason, by=terminate.actor, at=now
    )
    events = [
        Event(
            kind=EventKind.TERMINATION_CONSENTED,
            at=now,
            actor=terminate.actor,
            party_id=party_id,
            detail=terminate.reason,
        )
    ]
    if set(state.termination_consents) == set(state.party_ids):
        reasons = "; ".join(consent.reason for consent in state.termination_consents.values())
        events += _terminate(
            state, f"ended at once by agreement of every party: {reasons}", None, now, TerminationWay.AGREEMENT
        )
    return events


def end_by_notice(state: MouState, now: datetime) -> list[Event]:
    """The clock's part: the notice has run."""
    notice = state.termination_notice
    if notice is None:
        return []
    given = local_date(notice.given_at)
    reason = f"notice given by {notice.party_id} on {given} ran out on {notice.ends_on}: {notice.reason}"
    return _terminate(state, reason, None, now, TerminationWay.NOTICE)


def _terminate(
    state: MouState, reason: str, terminate: Terminate | None, now: datetime, way: TerminationWay
) -> list[Event]:
    actor = terminate.actor if terminate else None
    state.stage = Stage.TERMINATED
    state.closure = Closure(stage=Stage.TERMINATED, reason=reason, by=actor, at=now, way=way)
    party_id = actor.party_id if actor else None
    return [Event(kind=EventKind.TERMINATED, at=now, actor=actor, party_id=party_id, detail=reason)]
