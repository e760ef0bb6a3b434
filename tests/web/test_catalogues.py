"""The interface's catalogues are complete: every message the pages and the rules say has its words in
Traditional and in Simplified Chinese, with the same placeholders, and the Simplified words are Simplified."""

import pytest

from api.web.i18n import negotiated
from api.web.refusals import placeholders
from mouflow.chinese import to_simplified
from mouflow.translations import CATALOGUE_LOCALES, Translator, catalogue, translations_of
from ops import catalogues
from tests.web.helpers import Site, users_fixture, web_fixture  # noqa: F401  the fixtures

LANGUAGES = sorted(CATALOGUE_LOCALES)


@pytest.fixture(scope="module")
def said() -> set[str]:
    found = catalogues.said()
    assert len(found) > 250
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_the_pages_and_rules_say_is_translated(language: str, said: set[str]) -> None:
    words = translations_of(language)
    assert sorted(said - set(words)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_empty_or_fuzzy_and_none_names_a_value_its_message_lacks(language: str) -> None:
    """A translation may leave a value out (the page lists one-language changes beside the refusal that counts
    them), never name one the message has not got: formatting it would fail."""
    entries = [m for m in catalogue(language) if m.id]
    assert [m.id for m in entries if not m.string or m.fuzzy] == []
    assert [m.id for m in entries if not placeholders(str(m.string)) <= placeholders(str(m.id))] == []


def test_the_simplified_words_are_simplified_and_the_mainlands() -> None:
    words = translations_of("zh-Hans")
    assert [text for text in words.values() if to_simplified(text) != text] == []
    assert not any("「" in text for text in words.values())  # the Mainland quotes “…”
    assert words["Sign in"] == "登录" and words["MoUs"] == "备忘录"


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("zh-CN,zh;q=0.9", "zh-Hans"),
        ("zh-Hans", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh-HK,en;q=0.8", "zh-Hant"),
        ("zh-TW", "zh-Hant"),
        ("zh", "zh-Hant"),
        ("en-GB,zh-CN;q=0.5", "en"),
        ("fr-FR, zh-Hans;q=0.4, en;q=0.3", "zh-Hans"),
        ("de", "en"),
        ("", "en"),
        ("zh-CN;q=abc, ;;, zh-HK;q=0.5", "zh-Hant"),
    ],
)
def test_a_browser_gets_the_language_it_asks_for(header: str, language: str) -> None:
    assert negotiated(header) == language


def test_an_unknown_language_is_english() -> None:
    assert Translator("xx")("Sign in") == "Sign in" and not Translator("xx").chinese


async def test_a_mainland_browser_reads_the_pages_in_simplified_chinese(web: Site) -> None:
    await web.start("hkte-qianhai-2025")
    qianhai = await web.signed_in("qianhai", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    page = await qianhai.get("/web/mous/hkte-qianhai-2025")
    assert page.status == 200
    assert '<html lang="zh-Hans"' in page.response.text
    assert page.text("lang-zh-Hant") == "繁體中文" and page.text("lang-en") == "English"
    assert "审阅版本" in page.response.text and "審閱版本" not in page.response.text
