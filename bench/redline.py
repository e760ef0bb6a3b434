"""The redline between two drafts at the content limits: 200 clauses of 20,000 characters in each language.

    PYTHONPATH=$PWD .venv/bin/python bench/redline.py [--difflib]

Times `mouflow.redline.compare.redline` alone (the drafts are built first) on the revisions of
tests/redline/large_drafts.py, the median of three runs each; `--difflib` also times, for comparison,
difflib's SequenceMatcher(autojunk=False) on the tokens of one clause in each language, with 20 edits.
"""

import random
import statistics
import sys
import time
from difflib import SequenceMatcher

from mouflow.domain.content import DraftContent
from mouflow.redline.compare import redline
from mouflow.redline.tokens import tokens
from tests.redline.large_drafts import (
    large_draft,
    revised_clause,
    revised_throughout,
    revision,
    rewritten,
    rewritten_throughout,
    typical_revision,
)

REVISIONS = (typical_revision, revised_throughout, rewritten, rewritten_throughout)


def median_seconds(old: DraftContent, new: DraftContent, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        redline(old, new)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def difflib_seconds(old: DraftContent) -> dict[str, float]:
    first = old.clauses[0]
    new = revised_clause(random.Random(1), first, edits=20)
    seconds = {}
    for language in ("en", "zh"):
        a, b = tokens(getattr(first.text, language)), tokens(getattr(new.text, language))
        started = time.perf_counter()
        SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        seconds[language] = time.perf_counter() - started
    return seconds


def main() -> None:
    old = large_draft()
    for how in REVISIONS:
        new = revision(old, how)
        print(f"{how.__name__:24} {median_seconds(old, new):6.2f} s")
    if "--difflib" in sys.argv:
        for language, seconds in difflib_seconds(old).items():
            print(f"difflib, one clause, {language}  {seconds:6.2f} s")


if __name__ == "__main__":
    main()
