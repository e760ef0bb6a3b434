"""Each person reads the pages in their own language: the one they picked, else their own, else their party's,
else their browser's. A Qianhai user reads Simplified Chinese; an HKTE user Traditional or English."""

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from mouflow.demo import QIANHAI
from mouflow.domain.enums import ReadingLanguage, Role
from mouflow.domain.reading import known_language, reading_language
from mouflow.errors import InvalidParty, InvalidUser
from mouflow.store.access_tables import PartyRow
from mouflow.store.db import session_scope
from mouflow.store.parties import create_party
from mouflow.store.users import create_user
from mouflow.translations import LANGUAGES
from tests.web.helpers import Site, users_fixture, web_fixture  # noqa: F401  the fixtures

ENGLISH_BROWSER = {"Accept-Language": "en-GB,en;q=0.9"}
HONG_KONG_BROWSER = {"Accept-Language": "zh-HK,zh;q=0.9"}
MOUS = {"en": "MoUs", "zh-Hant": "備忘錄", "zh-Hans": "备忘录"}


def test_a_users_own_language_comes_before_the_partys() -> None:
    assert reading_language("en", "zh-Hans") is ReadingLanguage.ENGLISH
    assert reading_language(None, "zh-Hans") is ReadingLanguage.SIMPLIFIED_CHINESE
    assert reading_language(None, None) is None
    assert known_language(" zh-Hant ") is ReadingLanguage.TRADITIONAL_CHINESE and known_language("") is None
    with pytest.raises(ValueError, match="unknown language 'zh-CN'; use one of en, zh-Hant, zh-Hans"):
        known_language("zh-CN")
    assert set(LANGUAGES) == set(ReadingLanguage)  # the pages speak every language a person may read


def test_an_unknown_language_is_refused_and_nothing_is_written(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(InvalidParty, match="unknown language 'simplified'"), session_scope(sessions) as session:
        create_party(session=session, party=QIANHAI, language="simplified")
    with session_scope(sessions) as session:
        assert session.get(PartyRow, QIANHAI.id) is None
        create_party(session=session, party=QIANHAI, language="zh-Hans")
    with pytest.raises(InvalidUser, match="unknown language 'fr'"), session_scope(sessions) as session:
        create_user(session=session, name="Li", party_id=QIANHAI.id, role=Role.OFFICER, language="fr")


async def test_the_page_follows_the_user_then_the_party_then_the_browser(
    web: Site, sessions: sessionmaker[Session]
) -> None:
    with session_scope(sessions) as session:
        session.execute(update(PartyRow).where(PartyRow.id == "qianhai").values(language="zh-Hans"))
        _, reads_english = create_user(
            session=session,
            name="Qianhai officer who reads English",
            party_id="qianhai",
            role=Role.OFFICER,
            language="en",
        )

    qianhai = await web.signed_in("qianhai", headers=ENGLISH_BROWSER)
    page = await qianhai.get("/web/mous")
    assert page.text("nav-mous") == MOUS["zh-Hans"] and '<html lang="zh-Hans">' in page.response.text
    own = await web.signed_in_with(reads_english, headers=HONG_KONG_BROWSER)
    assert (await own.get("/web/mous")).text("nav-mous") == MOUS["en"]
    hkte = await web.signed_in("hkte", headers=HONG_KONG_BROWSER)  # no preference: the browser's
    assert (await hkte.get("/web/mous")).text("nav-mous") == MOUS["zh-Hant"]

    await qianhai.get("/web/language/en?next=/web/mous")  # a language picked on the page beats them all
    assert (await qianhai.get("/web/mous")).text("nav-mous") == MOUS["en"]
    visitor = await web.visitor(ENGLISH_BROWSER)  # before signing in, only the browser is known
    assert '<html lang="en">' in (await visitor.get("/web/login")).response.text
