"""End of term: renewal decisions, renewal and expiry."""

from datetime import datetime

from mouflow.domain.access import require_officer, require_stage, require_term
from mouflow.domain.actions import DecideRenewal
from mouflow.domain.calendar import add_months
from mouflow.domain.enums import EXECUTED_STAGES, EventKind, Stage
from mouflow.domain.event_words import coded, words
from mouflow.domain.followup import instantiate
from mouflow.domain.state import Closure, Event, MouState, RenewalDecisionRecord, Term
from mouflow.errors import AlreadyDone, WrongStage

# the renewal question goes to every party this long before the term ends
RENEWAL_NOTICE_DAYS = 90


def check_renewal(state: MouState, decide: DecideRenewal) -> None:
    require_officer(state, decide.actor)
    term = _undecided_term(state, decide)
    # the question is put to the parties with the renewal notice; a new action only (mouflow.domain.rules)
    if not term.renewal_notice_sent:
        raise WrongStage(
            "renewal is decided once the renewal notice goes out, {days} days before the term ends on {end}",
            days=RENEWAL_NOTICE_DAYS,
            end=term.end_date.isoformat(),
        )


def _undecided_term(state: MouState, decide: DecideRenewal) -> Term:
    """What recording the decision needs, checked again when it is applied (mouflow.domain.rules): a term
    on which this party has not decided yet."""
    require_stage(state, EXECUTED_STAGES, "decide on renewal")
    term = require_term(state)
    if decide.actor.party_id in term.decisions:
        raise AlreadyDone("party {party!r} has already decided on renewal of this term", party=decide.actor.party_id)
    return term


def apply_renewal(state: MouState, decide: DecideRenewal, now: datetime) -> list[Event]:
    term = _undecided_term(state, decide)
    party_id = decide.actor.party_id
    term.decisions[party_id] = RenewalDecisionRecord(
        renew=decide.renew, comment=decide.comment, decided_by=decide.actor, at=now
    )
    detail = ("renew" if decide.renew else "let expire") + (f": {decide.comment}" if decide.comment else "")
    said = coded("renew" if decide.renew else "let_expire", decide.comment)
    return [
        Event(kind=EventKind.RENEWAL_DECIDED, at=now, actor=decide.actor, party_id=party_id, detail=detail, words=said)
    ]


def all_agree_to_renew(state: MouState) -> bool:
    decisions = require_term(state).decisions
    return set(decisions) == set(state.party_ids) and all(d.renew for d in decisions.values())


def end_term(state: MouState, now: datetime) -> list[Event]:
    """At the end of a term: a new term if every party agreed to renew, otherwise expiry."""
    term = require_term(state)
    if not all_agree_to_renew(state):
        state.stage = Stage.EXPIRED
        state.closure = Closure(stage=Stage.EXPIRED, reason=f"term ended on {term.end_date}", by=None, at=now)
        said = words("term %(term)s ended on %(day)s", texts={"term": str(term.number)}, days={"day": term.end_date})
        return [
            Event(kind=EventKind.EXPIRED, at=now, detail=f"term {term.number} ended on {term.end_date}", words=said)
        ]
    term_months = state.executed_content.term_months
    term.past_milestones = state.milestones  # kept with the term they belong to
    new_term = Term(
        number=term.number + 1, effective_date=term.end_date, end_date=add_months(term.end_date, term_months)
    )
    state.terms.append(new_term)
    state.milestones = instantiate(state.milestone_plan, new_term, term_months)
    state.stage = Stage.IN_FORCE
    archived = len(term.past_milestones)
    detail = f"term {new_term.number}: {new_term.effective_date} to {new_term.end_date}; {archived} milestones archived"
    said = words(
        "term %(term)s: %(start)s to %(end)s; %(archived)s milestones of the last term archived",
        texts={"term": str(new_term.number), "archived": str(archived)},
        days={"start": new_term.effective_date, "end": new_term.end_date},
    )
    return [Event(kind=EventKind.RENEWED, at=now, detail=detail, words=said)]
