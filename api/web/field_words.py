"""A draft field's fault in words an officer acts on, in the page's language: the model's error type names
the fault, its context the bound; an error type without words here keeps the model's own message."""

from typing import Any

from pydantic_core import ErrorDetails

from mouflow.translations import Translator

WORDS: dict[str, str] = {
    "string_too_short": "Required: write it here.",
    "missing": "Required: write it here.",
    "string_too_long": "Too long: at most {max_length} characters.",
    "string_pattern_mismatch": "Use lower-case letters, digits and hyphens (at least 2).",
    "int_parsing": "A whole number, please.",
    "int_from_float": "A whole number, please.",
    "date_from_datetime_parsing": "A date, please (YYYY-MM-DD).",
    "date_parsing": "A date, please (YYYY-MM-DD).",
    "greater_than_equal": "At least {ge}.",
    "less_than_equal": "At most {le}.",
    "too_short": "Add at least {min_length}.",
    "too_long": "At most {max_length}.",
    "value_error": "Give a due date, or months and/or days after the effective date.",
}


def fault_words(fault: ErrorDetails, translate: Translator) -> str:
    template = WORDS.get(fault["type"])
    if template is None:
        return fault["msg"]
    context: dict[str, Any] = dict(fault.get("ctx") or {})
    try:
        return translate(template).format(**context)
    except (KeyError, IndexError):
        return fault["msg"]
