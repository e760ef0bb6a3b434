"""One text against its revision: segments to draw, equal, deleted or inserted."""

from mouflow.redline.alignment import matching_blocks
from mouflow.redline.models import Op, Segment
from mouflow.redline.runs import Run, absorb_short_equalities, runs_of
from mouflow.redline.tokens import tokens


def diff_text(old: str, new: str) -> tuple[Segment, ...]:
    """Equal and deleted segments rejoin to `old`, equal and inserted ones to `new`."""
    if old == new:  # most of a revision: no need to split it into tokens
        return (Segment(op=Op.EQUAL, text=old),) if old else ()
    old_tokens, new_tokens = tokens(old), tokens(new)
    runs = runs_of(old_tokens, new_tokens, matching_blocks(old_tokens, new_tokens))
    return tuple(segment for run in absorb_short_equalities(runs) for segment in _segments(run))


def _segments(run: Run) -> list[Segment]:
    if isinstance(run, str):
        return [Segment(op=Op.EQUAL, text=run)]
    return [Segment(op=op, text=text) for op, text in ((Op.DELETE, run.deleted), (Op.INSERT, run.inserted)) if text]


def old_text(segments: tuple[Segment, ...]) -> str:
    return "".join(segment.text for segment in segments if segment.op is not Op.INSERT)


def new_text(segments: tuple[Segment, ...]) -> str:
    return "".join(segment.text for segment in segments if segment.op is not Op.DELETE)
