"""Paperwork: the documents an MoU owes, those that could not be made, and asking for one again.

A render that still fails after its bounded retries never holds the MoU: the document is listed as
missing and the MoU goes on. An officer of the owning party, or an operator, asks for it again; the
next render that succeeds takes it off the list.
"""

from datetime import datetime

from mouflow.domain.actions import Action, Actor, Version
from mouflow.domain.calendar import hong_kong_time
from mouflow.domain.content import Frozen
from mouflow.domain.enums import DocumentKind, EventKind, Role
from mouflow.domain.event_words import words
from mouflow.domain.state import DocumentOrder, Event, MissingDocument, MouState
from mouflow.errors import AlreadyDone, Forbidden

MAX_ERROR_CHARS = 500  # the error is shown on the page and kept in the audit log: its first lines say why


class DocumentRequest(Frozen):
    """What a user says: which missing document to make again."""

    kind: DocumentKind
    version: Version | None = None  # as the missing list names it: None for the ceremony programme


class RequestDocument(DocumentRequest, Action):
    pass


def owe(state: MouState, orders: list[tuple[DocumentKind, int | None]]) -> None:
    """No deduplication: a document owed again (a moved ceremony) must be made from the newer state."""
    state.paperwork.owed.extend(DocumentOrder(kind=kind, version=version) for kind, version in orders)


def missing(state: MouState, kind: DocumentKind, version: int | None) -> MissingDocument | None:
    return next((m for m in state.paperwork.missing if m.names(kind, version)), None)


def mark_missing(state: MouState, order: DocumentOrder, error: str, now: datetime) -> list[Event]:
    """After the last attempt: listed (again) as missing, with why, and nobody asking for it yet."""
    error = error[:MAX_ERROR_CHARS]
    state.paperwork.missing = [m for m in state.paperwork.missing if not m.names(order.kind, order.version)]
    state.paperwork.missing.append(MissingDocument(kind=order.kind, version=order.version, error=error, at=now))
    detail = f"{_label(order)} could not be made: {error}"
    said = words("%(document)s could not be made: %(error)s", codes=_named(order), texts={"error": error})
    return [Event(kind=EventKind.DOCUMENT_MISSING, at=now, version=order.version, detail=detail, words=said)]


def mark_rendered(state: MouState, order: DocumentOrder, now: datetime) -> list[Event]:
    """Nothing to record for a document that was never missing: the documents table has it."""
    if missing(state, order.kind, order.version) is None:
        return []
    state.paperwork.missing = [m for m in state.paperwork.missing if not m.names(order.kind, order.version)]
    detail = f"{_label(order)} was made after all"
    said = words("%(document)s was made after all", codes=_named(order))
    return [Event(kind=EventKind.DOCUMENT_RENDERED, at=now, version=order.version, detail=detail, words=said)]


def may_request(owner_party_id: str, actor: Actor) -> bool:
    """An officer of the owning party answers for the MoU's paper; an operator (admin) for the system."""
    if actor.role is Role.ADMIN:
        return True
    return actor.role is Role.OFFICER and actor.party_id == owner_party_id


def check_request(state: MouState, action: RequestDocument) -> None:
    if not may_request(state.owner.id, action.actor):
        raise Forbidden(
            "only an officer of the owning party {owner!r} or an operator may ask for a document again",
            owner=state.owner.id,
        )
    _requestable(state, action)


def apply_request(state: MouState, action: RequestDocument, now: datetime) -> list[Event]:
    _requestable(state, action).requested_at = now
    owe(state, [(action.kind, action.version)])
    detail = f"{_label(action)} asked for again"
    said = words("%(document)s asked for again", codes=_named(action))
    version = action.version
    return [
        Event(kind=EventKind.DOCUMENT_REQUESTED, at=now, actor=action.actor, version=version, detail=detail, words=said)
    ]


def _requestable(state: MouState, action: RequestDocument) -> MissingDocument:
    """What asking again needs, checked again when it is applied (mouflow.domain.rules): the document is
    missing, and nobody has asked for it yet."""
    found = missing(state, action.kind, action.version)
    if found is None:
        raise AlreadyDone("{document} is not missing: there is nothing to make again", document=_label(action))
    if found.requested_at is not None:
        raise AlreadyDone(
            "{document} was asked for again at {at}; it is being made",
            document=_label(action),
            at=hong_kong_time(found.requested_at),
        )
    return found


def _named(document: DocumentOrder | DocumentRequest) -> dict[str, str]:
    """The kind as a code the catalogues translate; the event's own version tag says which version."""
    return {"document": str(document.kind)}


def _label(document: DocumentOrder | DocumentRequest) -> str:
    return f"{document.kind}" + (f" v{document.version}" if document.version is not None else "")
