"""The interface in English, Traditional Chinese and Simplified Chinese. Documents are bilingual already;
these are the words around them.

The words are gettext catalogues, `locales/<locale>/LC_MESSAGES/messages.po`, read with Babel: English is
the message id itself, and each Chinese catalogue holds its translations (`ops.catalogues` lists what the
templates and the rules say and refreshes the Simplified entries a translator has not written yet, by
OpenCC's conversion with Mainland phrases). A message a catalogue lacks falls back to English rather than
failing the page; tests/web/test_catalogues.py fails the build when one is missing.
"""

import re
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from fastapi import Request

LANGUAGES = {"en": "English", "zh-Hant": "繁體中文", "zh-Hans": "简体中文"}
LANGUAGE_COOKIE = "mouflow_lang"
LOCALES_DIR = Path(__file__).parent / "locales"
CATALOGUE_LOCALES = {"zh-Hant": "zh_Hant", "zh-Hans": "zh_Hans"}  # the page's language tag, Babel's locale
# browsers ask for Simplified by script or by a region that writes it: zh-Hans, zh-CN, zh-SG, zh-MY
SIMPLIFIED_TAG = re.compile(r"^zh-(hans|cn|sg|my)\b")
WEIGHTED_TAG = re.compile(r"^\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)\s*(?:;\s*q\s*=\s*([01](?:\.\d{0,3})?))?\s*$")


def catalogue_path(language: str) -> Path:
    return LOCALES_DIR / CATALOGUE_LOCALES[language] / "LC_MESSAGES" / "messages.po"


@cache
def catalogue(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as source:
        return read_po(source, locale=CATALOGUE_LOCALES[language])


@cache
def _translations(language: str) -> Translations:
    """The catalogue compiled in memory: no build step, and the .po file stays the one source."""
    compiled = BytesIO()
    write_mo(compiled, catalogue(language))
    compiled.seek(0)
    return Translations(compiled, domain="messages")


def translations_of(language: str) -> dict[str, str]:
    """Every message the language's catalogue translates: message id to its words."""
    return {str(m.id): str(m.string) for m in catalogue(language) if m.id and m.string and not m.fuzzy}


ZH_HANT = translations_of("zh-Hant")


def language_of(request: Request) -> str:
    """The language the user picked on a page, else the one they or their party read (mouflow.domain.reading),
    else the first one their browser asks for that we have."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    preferred = getattr(request.state, "reads", None)
    if preferred in LANGUAGES:
        return str(preferred)
    return negotiated(request.headers.get("accept-language", ""))


def negotiated(accept_language: str) -> str:
    """The language of the first tag, by weight, that we have; Chinese in Traditional unless the tag asks for
    Simplified (a Hong Kong or Taiwan browser, or a bare `zh`); English when nothing matches."""
    weighted = []
    for position, part in enumerate(accept_language.split(",")[:20]):
        match = WEIGHTED_TAG.match(part)
        if match:
            weight = float(match[2]) if match[2] else 1.0
            weighted.append((-weight, position, match[1].lower()))
    for _, _, tag in sorted(weighted):
        if tag == "zh" or tag.startswith("zh-"):
            return "zh-Hans" if SIMPLIFIED_TAG.match(tag) else "zh-Hant"
        if tag == "en" or tag.startswith("en-"):
            return "en"
    return "en"


class Translator:
    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "en"
        self._gettext = _translations(self.language).gettext if self.language in CATALOGUE_LOCALES else None

    @property
    def chinese(self) -> bool:
        return self._gettext is not None

    def has(self, text: str) -> bool:
        return self._gettext is not None and self._gettext(text) != text

    def __call__(self, text: str) -> str:
        if self._gettext is not None:
            words = self._gettext(text)
            if words != text:
                return words
        return _readable(text)


def _readable(text: str) -> str:
    """A code such as `changes_requested` reads as words; a sentence is left as it is."""
    return text.replace("_", " ") if " " not in text else text
