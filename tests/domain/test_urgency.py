"""Which owed document is made first: the executed copy and the programme, then the current draft, then
the copies that may wait."""

from mouflow.domain import urgency
from mouflow.domain.enums import DocumentKind
from mouflow.domain.state import DocumentOrder, DraftVersion
from tests.domain.builders import drafted

EXECUTED = DocumentOrder(kind=DocumentKind.EXECUTED, version=1)
PROGRAMME = DocumentOrder(kind=DocumentKind.CEREMONY_PROGRAMME)
DRAFT_1 = DocumentOrder(kind=DocumentKind.DRAFT, version=1)
DRAFT_2 = DocumentOrder(kind=DocumentKind.DRAFT, version=2)
COPY_1 = DocumentOrder(kind=DocumentKind.PARTNER_COPY, version=1)


def test_the_paper_wanted_now_goes_before_the_paper_that_may_wait() -> None:
    state = drafted()
    state.paperwork.owed = [COPY_1, DRAFT_1, PROGRAMME, EXECUTED]
    assert urgency.most_urgent(state) == PROGRAMME  # of equal rank, the one owed first
    state.paperwork.owed = [COPY_1, DRAFT_1]
    assert urgency.most_urgent(state) == DRAFT_1
    assert [urgency.rank(state, order) for order in (EXECUTED, PROGRAMME, DRAFT_1, COPY_1)] == [1, 1, 2, 4]


def test_a_draft_already_superseded_may_wait() -> None:
    state = drafted()
    first = state.versions[0]
    state.versions.append(DraftVersion(**{**first.model_dump(), "number": 2}))
    state.paperwork.owed = [DRAFT_1, DRAFT_2]
    assert urgency.rank(state, DRAFT_1) == urgency.MAY_WAIT
    assert urgency.most_urgent(state) == DRAFT_2
