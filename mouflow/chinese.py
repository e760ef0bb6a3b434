"""Converting Chinese between its scripts with OpenCC's phrase tables (pure Python): one home for every
conversion mouflow makes, for documents, the interface's catalogues and search."""

from functools import cache
from typing import Any

import opencc  # type: ignore[import-untyped]

# Simplified to each Traditional standard a title may be written in (generic, Hong Kong, Taiwan), and back
TO_TRADITIONAL = ("s2t", "s2hk", "s2tw")
TO_SIMPLIFIED = ("t2s", "hk2s", "tw2s")


@cache
def _converter(config: str) -> Any:
    return opencc.OpenCC(config)  # loading the dictionaries takes a moment: do it once per process


def _convert(config: str, text: str) -> str:
    converted: str = _converter(config).convert(text)
    return converted


def to_simplified(text: str) -> str:
    """Character by character, as OpenCC's t2s: for documents whose wording must stay that of the text."""
    return _convert("t2s", text)


def to_mainland_simplified(text: str) -> str:
    """Simplified as the Mainland writes it, phrase by phrase: for words a Mainland reader reads."""
    return _convert("tw2sp", text)  # with the Mainland's own phrases: 資訊 → 信息, 支援 → 支持


def in_script(chinese: str, language: str | None) -> str:
    """Chinese kept in Traditional characters (a title, a name, an e-mail's words) as a reader of `language`
    reads it: character by character for a Simplified reader, so that a name keeps its own words (資訊 stays
    资讯, not 信息) and the text matches the partner copy; anyone else reads it as it is."""
    return to_simplified(chinese) if language == "zh-Hans" else chinese


def in_every_script(text: str) -> list[str]:
    """`text` as typed and as each script writes it, without repeats: a search for any of them finds a title
    written in Traditional or Simplified characters, whichever script the query was typed in. Every spelling
    goes to Simplified first and from there to each Traditional standard, so that a Taiwan spelling (裡) also
    finds a Hong Kong one (裏)."""
    simplified = [text] + [_convert(config, text) for config in TO_SIMPLIFIED]
    traditional = [_convert(config, spelling) for spelling in simplified for config in TO_TRADITIONAL]
    return list(dict.fromkeys(simplified + traditional))
