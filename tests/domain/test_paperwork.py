"""Missing documents: recorded with why, asked for again only by whom it concerns, cleared once made."""

from datetime import timedelta

import pytest

from mouflow.demo import HKTE, QIANHAI, officer
from mouflow.domain import paperwork
from mouflow.domain.actions import Actor
from mouflow.domain.enums import DocumentKind, EventKind, Role
from mouflow.domain.paperwork import RequestDocument
from mouflow.domain.state import DocumentOrder, MouState
from mouflow.errors import AlreadyDone, Forbidden
from tests.domain.builders import T0, in_review

DRAFT = DocumentOrder(kind=DocumentKind.DRAFT, version=1)
LATER = T0 + timedelta(minutes=3)


def with_missing_draft() -> MouState:
    state = in_review()
    (event,) = paperwork.mark_missing(state, DRAFT, "a font is missing\n" + "x" * 1_000, LATER)
    assert event.kind is EventKind.DOCUMENT_MISSING and event.version == 1
    assert event.detail.startswith("draft v1 could not be made: a font is missing")
    return state


def ask(actor: Actor, kind: DocumentKind = DocumentKind.DRAFT, version: int | None = 1) -> RequestDocument:
    return RequestDocument(actor=actor, kind=kind, version=version)


def test_a_failed_render_is_listed_missing_with_a_short_reason() -> None:
    state = with_missing_draft()
    (missing,) = state.paperwork.missing
    assert (missing.kind, missing.version, missing.at, missing.requested_at) == (DocumentKind.DRAFT, 1, LATER, None)
    assert len(missing.error) == paperwork.MAX_ERROR_CHARS


@pytest.mark.parametrize(
    "actor",
    [officer(HKTE), Actor(user_id="ops", name="Operator", party_id="system", role=Role.ADMIN)],
    ids=["owner officer", "admin"],
)
def test_the_owners_officer_or_an_operator_asks_again(actor: Actor) -> None:
    state = with_missing_draft()
    (event,) = paperwork.apply_request(state, ask(actor), LATER)
    assert (event.kind, event.actor, event.version) == (EventKind.DOCUMENT_REQUESTED, actor, 1)
    assert state.paperwork.owed == [DRAFT] and state.paperwork.missing[0].requested_at == LATER


@pytest.mark.parametrize(
    "actor",
    [officer(QIANHAI), Actor(user_id="v", name="Viewer", party_id=HKTE.id, role=Role.VIEWER)],
    ids=["partner officer", "owner viewer"],
)
def test_nobody_else_may_ask(actor: Actor) -> None:
    with pytest.raises(Forbidden, match="owning party 'hkte' or an operator"):
        paperwork.check_request(with_missing_draft(), ask(actor))


def test_only_a_missing_document_not_yet_asked_for_can_be_asked_for() -> None:
    state = with_missing_draft()
    with pytest.raises(AlreadyDone, match="partner_copy v1 is not missing"):
        paperwork.check_request(state, ask(officer(HKTE), DocumentKind.PARTNER_COPY))
    with pytest.raises(AlreadyDone, match="draft v2 is not missing"):
        paperwork.check_request(state, ask(officer(HKTE), version=2))
    paperwork.apply_request(state, ask(officer(HKTE)), LATER)
    with pytest.raises(AlreadyDone, match="is being made"):
        paperwork.check_request(state, ask(officer(HKTE)))


def test_failing_again_lists_it_once_and_may_be_asked_for_again() -> None:
    state = with_missing_draft()
    paperwork.apply_request(state, ask(officer(HKTE)), LATER)
    paperwork.mark_missing(state, DRAFT, "still no font", LATER + timedelta(minutes=3))
    assert [(m.error, m.requested_at) for m in state.paperwork.missing] == [("still no font", None)]
    paperwork.check_request(state, ask(officer(HKTE)))


def test_a_render_that_succeeds_clears_the_flag_and_says_so_only_if_it_was_missing() -> None:
    state = with_missing_draft()
    assert paperwork.mark_rendered(state, DocumentOrder(kind=DocumentKind.PARTNER_COPY, version=1), LATER) == []
    (event,) = paperwork.mark_rendered(state, DRAFT, LATER)
    assert event.kind is EventKind.DOCUMENT_RENDERED and state.paperwork.missing == []
