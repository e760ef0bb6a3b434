"""Which transitions produce paper, as a real agreement does: a draft per version, the executed MoU,
the ceremony programme. Pure, so the workflow can call it."""

from mouflow.documents.models import DocumentKind
from mouflow.domain.enums import EventKind
from mouflow.domain.state import Event, MouState

CEREMONY_EVENTS = frozenset({EventKind.CEREMONY_SCHEDULED, EventKind.CEREMONY_RESCHEDULED})


def documents_for(state: MouState, events: list[Event]) -> list[tuple[DocumentKind, int | None]]:
    wanted: list[tuple[DocumentKind, int | None]] = []
    for event in events:
        if event.kind in (EventKind.STARTED, EventKind.REVISED):
            wanted.append((DocumentKind.DRAFT, event.version))
            if any(party.wants_simplified_copy for party in state.partners):
                wanted.append((DocumentKind.PARTNER_COPY, event.version))
        elif event.kind is EventKind.EXECUTED:
            wanted.append((DocumentKind.EXECUTED, state.executed_version))
        elif event.kind in CEREMONY_EVENTS:
            wanted.append((DocumentKind.CEREMONY_PROGRAMME, None))
    return wanted
