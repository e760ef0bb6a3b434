"""Segments written short in the tests: ("=", text), ("+", text), ("-", text)."""

from mouflow.redline.models import BilingualDiff, Op, Segment

SIGNS = {Op.EQUAL: "=", Op.INSERT: "+", Op.DELETE: "-"}


def short(segments: tuple[Segment, ...]) -> list[tuple[str, str]]:
    return [(SIGNS[segment.op], segment.text) for segment in segments]


def both(diff: BilingualDiff) -> dict[str, list[tuple[str, str]]]:
    return {"en": short(diff.en), "zh": short(diff.zh)}
