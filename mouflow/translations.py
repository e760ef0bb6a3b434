"""The words mouflow says to people, in English, Traditional Chinese and Simplified Chinese: the pages, the
refusals, the timeline and the e-mails. Documents are bilingual already; these are the words around them.

The words are gettext catalogues, `locales/<locale>/LC_MESSAGES/messages.po`, read with Babel: English is
the message id itself, and each Chinese catalogue holds its translations (`ops.catalogues` lists what the
templates and the rules say and refreshes the Simplified entries a translator has not written yet, by
OpenCC's conversion with Mainland phrases). A message a catalogue lacks falls back to English rather than
failing the page; tests/web/test_catalogues.py fails the build when one is missing.
"""

from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = {"en": "English", "zh-Hant": "繁體中文", "zh-Hans": "简体中文"}  # each named in itself
LOCALES_DIR = Path(__file__).parent / "locales"
CATALOGUE_LOCALES = {"zh-Hant": "zh_Hant", "zh-Hans": "zh_Hans"}  # the language tag, Babel's locale


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
