"""Which language a person reads mouflow in: their own choice, else their party's, else their browser's.

A Mainland partner region reads Simplified Chinese; a Hong Kong agency Traditional Chinese or English, as
each of its users prefers. The page's language link, once clicked, outranks all three (api/web/i18n.py).
"""

from mouflow.domain.enums import ReadingLanguage


def known_language(value: str | None) -> ReadingLanguage | None:
    """None or blank: no preference. Raises ValueError, naming the languages there are, for any other."""
    if value is None or not value.strip():
        return None
    try:
        return ReadingLanguage(value.strip())
    except ValueError:
        raise ValueError(f"unknown language {value!r}; use one of {', '.join(ReadingLanguage)}") from None


def reading_language(user_language: str | None, party_language: str | None) -> ReadingLanguage | None:
    """The user's own, else the party's; None leaves it to the browser."""
    for preference in (user_language, party_language):
        if preference in set(ReadingLanguage):
            return ReadingLanguage(preference)
    return None
