"""Drafts are capped so that an MoU's state always fits one Temporal payload (2 MB)."""

import pytest
from temporalio.contrib.pydantic import pydantic_data_converter

from mouflow.demo import HKTE, officer
from mouflow.domain import drafting
from mouflow.domain.actions import Revise
from mouflow.domain.content import BilingualText, Clause, DraftContent
from mouflow.domain.drafting import MAX_DRAFT_BYTES
from mouflow.errors import InvalidInput
from tests.domain.builders import T0, drafted

TEMPORAL_PAYLOAD_LIMIT = 2 * 1024 * 1024


def draft_of(kilobytes: int) -> DraftContent:
    """The demo draft, padded with clauses of 4 KB of English and 3 KB of Chinese (1,000 characters)."""
    base = drafted().current_version.content
    clause = Clause(heading=base.clauses[0].heading, text=BilingualText(en="a" * 4000, zh="合" * 1000))
    return base.model_copy(update={"clauses": [*base.clauses, *[clause] * (kilobytes // 7)]})


def test_a_draft_over_the_cap_is_refused_with_its_size() -> None:
    with pytest.raises(InvalidInput, match="a draft may be at most 128 KB"):
        drafting.check_draft_size(draft_of(140))
    drafting.check_draft_size(draft_of(120))
    assert draft_of(120).size_in_bytes() <= MAX_DRAFT_BYTES


def test_a_draft_over_the_cap_still_loads_from_history() -> None:
    """Only new drafts are checked: a draft that a workflow's history holds must always replay."""
    assert DraftContent.model_validate(draft_of(300).model_dump()).size_in_bytes() > MAX_DRAFT_BYTES


def test_revisions_stop_before_the_state_outgrows_a_payload() -> None:
    state = drafted()
    content = draft_of(120)
    with pytest.raises(InvalidInput, match="drafts would total"):
        for _ in range(20):
            revise = Revise(actor=officer(HKTE), base_version=state.current_version.number, content=content)
            drafting.check_new_draft(state, revise.content)  # what the revise validator adds
            drafting.apply_revise(state, revise, T0)
    kept = len(state.versions)
    assert 5 < kept < 10  # refused as the cap was reached, and the refused revision added nothing
    payload = pydantic_data_converter.payload_converter.to_payloads([state])[0]
    assert len(payload.data) < TEMPORAL_PAYLOAD_LIMIT * 0.6
