"""The milestones' last transition, read back from the audit log by the projection's own rule."""

from mouflow.domain.enums import EventKind
from mouflow.store.milestone_seqs import touches_of

FAIR, REVIEW = (1, "fair"), (1, "review")


def test_an_execution_touches_the_whole_plan_and_a_report_only_its_milestone() -> None:
    entries = [
        (1, EventKind.STARTED.value, None),
        (7, EventKind.EXECUTED.value, None),
        (7, EventKind.IN_FORCE.value, None),
        (8, EventKind.MILESTONE_PROGRESS.value, "fair"),
        (9, "document_rendered", None),
    ]
    assert touches_of(entries, {FAIR, REVIEW}) == {FAIR: 8, REVIEW: 7}


def test_a_renewal_touches_the_new_term_only() -> None:
    entries = [(3, EventKind.EXECUTED.value, None), (5, EventKind.RENEWED.value, None)]
    assert touches_of(entries, {FAIR, (2, "fair")}) == {FAIR: 3, (2, "fair"): 5}


def test_before_the_execution_nothing_is_touched() -> None:
    assert touches_of([(1, EventKind.STARTED.value, None), (2, EventKind.SUBMITTED.value, None)], {FAIR}) == {}
