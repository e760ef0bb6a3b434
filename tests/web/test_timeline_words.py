"""The timeline says what happened in the page's language: a deadline in words in Hong Kong time, a decision
translated, parties by name; what a person typed stays as typed; an event from before events had words shows
its English detail."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.event_words import coded, words
from mouflow.event_said import event_said
from mouflow.store.db import session_scope
from mouflow.store.tables import EventRow
from mouflow.translations import Translator
from tests.web.helpers import Site, users_fixture, web_fixture  # noqa: F401  the fixtures

MOU = "hkte-qianhai-2025"
NAMES = {"qianhai": ("Shenzhen Qianhai Cooperation Zone", "深圳前海合作區"), "nansha": ("Nansha", "南沙")}


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "review of version 2 due 5 Jan 2026 17:00 HKT; waiting on Shenzhen Qianhai Cooperation Zone, Nansha"),
        ("zh-Hant", "第 2 版須於 2026年1月5日 17:00 香港標準時間 前完成審閱；仍待 深圳前海合作區、南沙"),
        ("zh-Hans", "第 2 版须于 2026年1月5日 17:00 香港标准时间 前完成审阅；仍待 深圳前海合作区、南沙"),
    ],
)
def test_a_reminder_in_each_language(language: str, expected: str) -> None:
    said = words(
        "review of version %(version)s due %(deadline)s; waiting on %(parties)s",
        texts={"version": "2"},
        moments={"deadline": datetime(2026, 1, 5, 9, 0, tzinfo=UTC)},
        parties={"parties": ["qianhai", "nansha"]},
    )
    assert event_said(said.model_dump(mode="json"), "the English detail", Translator(language), NAMES) == expected


def test_a_decision_is_translated_and_the_comment_kept_as_typed() -> None:
    said = coded("request_changes", "加 <b>一</b> 條")  # what was typed: the page escapes it, as every text
    json = said.model_dump(mode="json")
    assert event_said(json, "", Translator("en"), NAMES) == "request changes: 加 <b>一</b> 條"
    assert event_said(json, "", Translator("zh-Hant"), NAMES).endswith("：加 <b>一</b> 條")
    assert event_said(None, "effective 2026-12-05", Translator("zh-Hans"), NAMES) == "effective 2026-12-05"


async def test_the_timeline_of_a_submitted_mou_reads_in_simplified(web: Site, sessions: sessionmaker[Session]) -> None:
    await web.start(MOU)  # submitted: "review due by …"
    qianhai = await web.signed_in("qianhai")
    await qianhai.get("/web/language/zh-Hans?next=/web/mous")
    page = await qianhai.get(f"/web/mous/{MOU}")
    timeline = page.text("timeline")
    assert "须于" in timeline and "香港标准时间 前完成审阅" in timeline and "review due by" not in timeline

    with session_scope(sessions) as session:  # an event recorded before events had words
        session.execute(update(EventRow).where(EventRow.kind == "submitted").values(words=None))
    assert "review due by" in (await qianhai.get(f"/web/mous/{MOU}")).text("timeline")
