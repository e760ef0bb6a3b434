"""One text against its revision: segments to draw, equal, deleted or inserted."""

from collections.abc import Sequence

from mouflow.redline.alignment import matching_blocks
from mouflow.redline.models import Op, Segment
from mouflow.redline.runs import Change, Run, absorb_short_equalities, runs_of
from mouflow.redline.tokens import sentences, tokens


def diff_text(old: str, new: str) -> tuple[Segment, ...]:
    """Equal and deleted segments rejoin to `old`, equal and inserted ones to `new`."""
    if old == new:  # most of a revision: no need to split it at all
        return (Segment(op=Op.EQUAL, text=old),) if old else ()
    return tuple(segment for run in absorb_short_equalities(_runs(old, new)) for segment in _segments(run))


def _runs(old: str, new: str) -> list[Run]:
    """Sentences first, then words (characters) within the sentences that changed: a revision leaves most
    sentences as they were, and only what changed is split into tokens and aligned."""
    coarse = _aligned(sentences(old), sentences(new))
    return _merged([fine for run in coarse for fine in _refined(run)])


def _refined(run: Run) -> list[Run]:
    if isinstance(run, str) or not run.deleted or not run.inserted:  # nothing to align within
        return [run]
    return _aligned(tokens(run.deleted), tokens(run.inserted))


def _aligned(old: Sequence[str], new: Sequence[str]) -> list[Run]:
    return runs_of(old, new, matching_blocks(old, new))


def _merged(runs: list[Run]) -> list[Run]:
    """Neighbouring runs of the same kind joined: a refined change may begin or end with shared text."""
    merged: list[Run] = []
    for run in runs:
        match merged[-1:], run:
            case [str() as last], str():
                merged[-1] = last + run
            case [Change() as last], Change():
                merged[-1] = Change(last.deleted + run.deleted, last.inserted + run.inserted)
            case _:
                merged.append(run)
    return merged


def _segments(run: Run) -> list[Segment]:
    if isinstance(run, str):
        return [Segment(op=Op.EQUAL, text=run)]
    return [Segment(op=op, text=text) for op, text in ((Op.DELETE, run.deleted), (Op.INSERT, run.inserted)) if text]


def old_text(segments: tuple[Segment, ...]) -> str:
    return "".join(segment.text for segment in segments if segment.op is not Op.INSERT)


def new_text(segments: tuple[Segment, ...]) -> str:
    return "".join(segment.text for segment in segments if segment.op is not Op.DELETE)
