"""A bilingual text against its revision, English and Chinese each on their own."""

from collections.abc import Sequence

from mouflow.domain.content import Bilingual, BilingualText
from mouflow.redline.models import BilingualDiff, Language, Op, Segment
from mouflow.redline.text_diff import diff_text

Texts = Bilingual | BilingualText


def diff_bilingual(old: Texts | None, new: Texts | None) -> BilingualDiff:
    """None on one side: the text was added or removed."""
    en = diff_text(old.en if old else "", new.en if new else "")
    zh = diff_text(old.zh if old else "", new.zh if new else "")
    changed = tuple(language for language, segments in ((Language.EN, en), (Language.ZH, zh)) if _changed(segments))
    return BilingualDiff(en=en, zh=zh, changed_languages=changed, one_language_only=len(changed) == 1)


def similarity(diffs: Sequence[BilingualDiff]) -> float:
    """difflib's ratio (twice the shared characters over all of both sides) over all the parts, per language;
    the mean of English and Chinese, since both texts are equally authentic."""
    return (_ratio([diff.en for diff in diffs]) + _ratio([diff.zh for diff in diffs])) / 2


def _ratio(texts: list[tuple[Segment, ...]]) -> float:
    shared = sum(len(segment.text) for segments in texts for segment in segments if segment.op is Op.EQUAL)
    both_sides = sum(len(segment.text) for segments in texts for segment in segments) + shared
    return 2 * shared / both_sides if both_sides else 1.0


def _changed(segments: tuple[Segment, ...]) -> bool:
    return any(segment.op is not Op.EQUAL for segment in segments)
