"""The interface's gettext catalogues (mouflow/locales), kept with Babel: `python -m ops.catalogues`.

1. Extracts every message the pages and the rules say: `t("…")` in templates/web (Jinja2's Babel
   extractor), the template of every refusal mouflow/domain raises and every message of an event's words
   (Babel's Python extractor), the API's refusals in fixed words, the codes those words carry and the events
   a webhook may be limited to.
2. Adds each new message to both Chinese catalogues, untranslated in Traditional, for a translator.
3. Fills each Simplified entry still empty from its Traditional words: OpenCC's conversion with the
   Mainland's phrases (資訊 → 信息), and the Mainland's quotation marks. An entry a translator wrote stays.

tests/web/test_catalogues.py fails while any message lacks its words in either language.
"""

from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from api.web.refusals import REFUSED_BY_STATUS
from mouflow.chinese import to_mainland_simplified
from mouflow.domain.enums import DocumentKind, MilestoneStatus, ReviewDecision
from mouflow.notify.events import NotificationType
from mouflow.translations import catalogue, catalogue_path

ROOT = Path(__file__).parents[1]
RULE_EXCEPTIONS = (
    "RuleViolation",
    "Forbidden",
    "NotFound",
    "WrongStage",
    "StaleVersion",
    "AlreadyDone",
    "InvalidInput",
)
# the codes an event's words carry, which the pages translate too (mouflow.domain.event_words)
EVENT_CODES = (
    *(str(d) for d in ReviewDecision),
    *(str(s) for s in MilestoneStatus),
    *(str(k) for k in DocumentKind),
    "renew",
    "let_expire",
)
# the events a webhook may be limited to, which the party page names (templates/web/party.html)
WEBHOOK_EVENTS = tuple(str(n) for n in NotificationType)
# refusals whose words never carry a value: their first argument, or a Problem's third, is the whole message
API_REFUSALS = {
    "TooManyAttempts": (1,),
    "CsrfError": (1,),
    "UnauthorizedError": (1,),
    "UnavailableError": (1,),
    "Problem": (3,),
}
MAINLAND_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


def simplified(traditional: str) -> str:
    return to_mainland_simplified(traditional).translate(MAINLAND_QUOTES)


def said_in_templates() -> Iterator[str]:
    method = [("**.html", "jinja2.ext:babel_extract")]
    for _, _, message, _, _ in extract_from_dir(ROOT / "templates" / "web", method, keywords={"t": None}):
        if isinstance(message, str):
            yield message


def said_by_the_rules() -> Iterator[str]:
    yield from _said_in(ROOT / "mouflow" / "domain", dict.fromkeys(RULE_EXCEPTIONS, (1,)))


def said_by_the_api() -> Iterator[str]:
    """The API's own refusals that pages show, in fixed words (api.web.refusals): failed sign-ins held, forms
    from another site, services that cannot answer; and what a Chinese page says for one it has no words for."""
    yield from _said_in(ROOT / "api", API_REFUSALS)
    yield from _said_in(ROOT / "api" / "web", {"InvalidError": (1,)})  # its other words elsewhere carry values
    yield from REFUSED_BY_STATUS.values()


def _said_in(folder: Path, keywords: dict[str, tuple[int]]) -> Iterator[str]:
    for _, _, message, _, _ in extract_from_dir(folder, [("**.py", "python")], keywords=keywords):
        if isinstance(message, str):
            yield message


def said_of_events() -> Iterator[str]:
    """Every message the rules write an event's words with (mouflow.domain.event_words.words)."""
    yield from _said_in(ROOT / "mouflow" / "domain", {"words": (1,)})


def said() -> set[str]:
    """Every message the catalogues must hold."""
    by_source = (said_in_templates(), said_by_the_rules(), said_by_the_api(), said_of_events())
    return {message for source in by_source for message in source} | {*EVENT_CODES, *WEBHOOK_EVENTS}


def refreshed() -> list[Path]:
    traditional = catalogue("zh-Hant")
    for new in sorted(said() - {str(m.id) for m in traditional if m.id}):
        traditional.add(new, "", auto_comments=["new: for a translator"])
    simplified_catalogue = catalogue("zh-Hans")
    for message in traditional:
        if not message.id:
            continue
        known = simplified_catalogue.get(message.id)
        words = simplified(str(message.string)) if message.string else ""
        if known is None:
            simplified_catalogue.add(message.id, words, auto_comments=list(message.auto_comments))
        elif not known.string:
            # Catalog.add keeps the words of an entry it has already, even empty ones
            known.string, known.auto_comments = words, list(message.auto_comments)
    return [_written("zh-Hant", traditional), _written("zh-Hans", simplified_catalogue)]


def _written(language: str, catalog: Catalog) -> Path:
    path = catalogue_path(language)
    with path.open("wb") as out:
        write_po(out, catalog, width=120, sort_output=False)
    return path


if __name__ == "__main__":
    for written in refreshed():
        print(written.relative_to(ROOT))
