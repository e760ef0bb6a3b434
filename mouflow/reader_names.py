"""A name kept in English and Traditional Chinese (a party's), as a reader's language writes it: one rule for
the pages (as template globals), the timeline's words and the e-mails."""

from collections.abc import Mapping

from mouflow.chinese import in_script

PartyNames = Mapping[str, tuple[str, str]]  # party id: (English name, Chinese name)


def name_in(english: str, chinese: str, language: str) -> str:
    return english if language == "en" else in_script(chinese, language)


def party_name(party_names: PartyNames, party_id: str, language: str) -> str:
    """The party's name; its id where the page has no name for it."""
    if party_id not in party_names:
        return party_id
    english, chinese = party_names[party_id]
    return name_in(english, chinese, language)
