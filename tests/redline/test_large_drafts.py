"""Drafts at the content limits: 200 clauses of 20,000 characters in each language, 8 MB of text a side.

Measured on the shared 2-core machine (2026-12-02), the redline alone: a typical revision 0.2 s, every
clause revised 1.2 s, another MoU altogether 0.7 s. difflib's SequenceMatcher(autojunk=False) on the
tokens alone took 4 to 15 s for one such clause. Times are bench/redline.py's to print, not a test's to
assert: these tests hold what the redline says about such drafts.
"""

from collections import Counter

import pytest

from mouflow.domain.content import DraftContent
from mouflow.redline.compare import redline
from mouflow.redline.models import Language, OneLanguageChange, Part, Redline, Status
from tests.redline.large_drafts import Revision, large_draft, revised_throughout, revision, rewritten, typical_revision


@pytest.fixture(scope="module")
def old() -> DraftContent:
    return large_draft()


def redline_of(old: DraftContent, how: Revision) -> Redline:
    return redline(old, revision(old, how))


def statuses(result: Redline) -> Counter[Status]:
    return Counter(clause.status for clause in result.clauses)


def test_a_typical_revision(old: DraftContent) -> None:
    result = redline_of(old, typical_revision)
    assert statuses(result) == {
        Status.UNCHANGED: 172,
        Status.CHANGED: 21,
        Status.MOVED: 3,
        Status.MOVED_AND_CHANGED: 2,
        Status.REMOVED: 2,
        Status.ADDED: 2,
    }
    moved = [(c.old_number, c.new_number) for c in result.clauses if c.status is Status.MOVED]
    assert moved == [(91, 2), (121, 3), (151, 4)]
    assert [c.old_number for c in result.clauses if c.status is Status.MOVED_AND_CHANGED] == [31, 61]
    assert [c.old_number for c in result.clauses if c.status is Status.REMOVED] == [51, 101]
    assert result.one_language_changes == (
        OneLanguageChange(part=Part.CLAUSE_TEXT, language=Language.EN, old_number=3, new_number=7),
    )


def test_every_clause_revised(old: DraftContent) -> None:
    result = redline_of(old, revised_throughout)
    assert [(c.status, c.old_number, c.new_number) for c in result.clauses] == [
        (Status.CHANGED, n, n) for n in range(1, 201)
    ]


def test_another_mou_altogether(old: DraftContent) -> None:
    result = redline_of(old, rewritten)
    assert statuses(result) == {Status.REMOVED: 200, Status.ADDED: 200}
