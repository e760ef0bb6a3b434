"""Which owed document to make first: the paper somebody waits for now before the paper that may wait.

The executed copy and the ceremony programme are wanted at once; the current draft is what reviewers read;
a partner's convenience copy and the draft of a version already superseded may wait for an idle render
worker. The ranks are Temporal priority keys (1 first, 5 last), so across MoUs too a render worker takes
the urgent renders from its backlog first.
"""

from mouflow.domain.enums import DocumentKind
from mouflow.domain.state import DocumentOrder, MouState

AT_ONCE, READ_NOW, MAY_WAIT = 1, 2, 4
RANKS = {
    DocumentKind.EXECUTED: AT_ONCE,
    DocumentKind.CEREMONY_PROGRAMME: AT_ONCE,
    DocumentKind.DRAFT: READ_NOW,
    DocumentKind.PARTNER_COPY: MAY_WAIT,
}


def rank(state: MouState, order: DocumentOrder) -> int:
    newest = state.current_version.number
    superseded = order.kind is DocumentKind.DRAFT and order.version is not None and order.version < newest
    return MAY_WAIT if superseded else RANKS.get(order.kind, READ_NOW)


def most_urgent(state: MouState) -> DocumentOrder:
    """The owed order of the best rank, the first owed among equals; the MoU must owe one."""
    owed = state.paperwork.owed
    return min(owed, key=lambda order: rank(state, order))
