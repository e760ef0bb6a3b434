"""Traditional to Simplified Chinese in the partner copies' contexts (mouflow.chinese converts)."""

from typing import Any

from mouflow.chinese import to_simplified


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
