"""Who may act: officers act for their own party; everyone else only reads."""

from collections.abc import Collection

from mouflow.domain.actions import Actor
from mouflow.domain.enums import Role, Stage
from mouflow.domain.state import MouState, Term
from mouflow.errors import Forbidden, InvalidInput, WrongStage


def require_party_member(state: MouState, actor: Actor) -> None:
    if actor.party_id not in state.party_ids:
        raise Forbidden("party {party!r} is not a party to MoU {mou}", party=actor.party_id, mou=state.mou_id)


def require_officer(state: MouState, actor: Actor) -> None:
    require_party_member(state, actor)
    if actor.role is not Role.OFFICER:
        raise Forbidden("only an officer may do this; {user}'s role is {role}", user=actor.user_id, role=actor.role)


def require_owner_officer(state: MouState, actor: Actor) -> None:
    require_officer(state, actor)
    if actor.party_id != state.owner.id:
        raise Forbidden("only an officer of the owning party {owner!r} may do this", owner=state.owner.id)


def require_stage(state: MouState, allowed: Collection[Stage], doing: str) -> None:
    if state.stage not in allowed:
        expected = " or ".join(sorted(stage.value for stage in allowed))
        raise WrongStage(
            "cannot {doing} while the MoU is {stage}; it must be {expected}",
            doing=doing,
            stage=state.stage.value,
            expected=expected,
        )


def require_term(state: MouState) -> Term:
    """The current term; executed stages always have one, so its absence is a corrupt state, refused."""
    if state.term is None:
        raise InvalidInput("the MoU has no term yet")
    return state.term
