"""An event's words in a reader's language (mouflow.domain.event_words), on the timeline and in e-mails: the
catalogue's message, with moments and days written that language's way, codes translated, parties named,
names in the reader's script, and what a person typed as they typed it. An event recorded before events had
words shows its English detail."""

from typing import Any

from mouflow.dates_in_words import day_in_words, moment_in_words
from mouflow.domain.event_words import EventWords
from mouflow.reader_names import PartyNames, party_name
from mouflow.translations import Translator


def event_said(words: EventWords | dict[str, Any] | None, detail: str, t: Translator, party_names: PartyNames) -> str:
    """`words` as the store keeps them (JSON) or as an event carries them."""
    if not words:
        return detail
    said = words if isinstance(words, EventWords) else EventWords.model_validate(words)
    try:
        return t(said.message) % _values(said, t, party_names)
    except (KeyError, ValueError, TypeError):  # a translation with a place the message lacks: never a broken page
        return detail


def _values(said: EventWords, t: Translator, party_names: PartyNames) -> dict[str, str]:
    language = t.language
    values = {name: moment_in_words(moment, language) for name, moment in said.moments.items()}
    values |= {name: day_in_words(day, language) for name, day in said.days.items()}
    values |= {name: t(code) for name, code in said.codes.items()}
    separator = "、" if t.chinese else ", "
    values |= {
        name: separator.join(party_name(party_names, p, language) for p in ids) for name, ids in said.parties.items()
    }
    values |= {name: (text.zh if t.chinese else text.en) for name, text in said.names.items()}
    return values | said.texts
