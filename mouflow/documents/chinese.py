"""Traditional to Simplified Chinese for partner copies, with OpenCC's phrase tables in pure Python."""

from functools import cache
from typing import Any

import opencc  # type: ignore[import-untyped]


@cache
def _converter() -> Any:
    return opencc.OpenCC("t2s")  # loading the dictionaries takes a moment: do it once per process


@cache
def _mainland() -> Any:
    return opencc.OpenCC("tw2sp")  # with the Mainland's own phrases: 資訊 → 信息, 支援 → 支持


def to_mainland_simplified(text: str) -> str:
    """Simplified as the Mainland writes it, phrase by phrase: for words a Mainland reader reads."""
    converted: str = _mainland().convert(text)
    return converted


def to_simplified(text: str) -> str:
    converted: str = _converter().convert(text)
    return converted


def simplify_chinese(value: Any) -> Any:
    """Every `zh` string in a context, converted; English and data untouched."""
    if isinstance(value, dict):
        return {key: _simplify_field(key, item) for key, item in value.items()}
    if isinstance(value, list):
        return [simplify_chinese(item) for item in value]
    return value


def _simplify_field(key: str, value: Any) -> Any:
    if key == "zh" and isinstance(value, str):
        return to_simplified(value)
    return simplify_chinese(value)
