"""The timeline says what happened in the page's language: a deadline in words in Hong Kong time, a decision
translated, parties by name; what a person typed stays as typed; an event from before events had words shows
its English detail."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from mouflow.demo import HKTE, QIANHAI, officer
from mouflow.domain import followup, paperwork, signatures, term
from mouflow.domain.actions import AmendMilestones, DecideRenewal, Reschedule, Sign, VoidSignatures
from mouflow.domain.content import Bilingual, MilestonePlanItem
from mouflow.domain.enums import DocumentKind
from mouflow.domain.event_words import coded, words
from mouflow.domain.state import DocumentOrder, Event, MouState
from mouflow.event_said import event_said
from mouflow.store.audit_tables import AuditRow
from mouflow.store.db import session_scope
from mouflow.translations import Translator
from tests.domain.builders import QIANHAI_SIGNATORY, T0, executed, signing_open
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
        session.execute(update(AuditRow).where(AuditRow.what == "submitted").values(words=None))
    assert "review due by" in (await qianhai.get(f"/web/mous/{MOU}")).text("timeline")


def _said(state_events: list[Event], language: str) -> list[str]:
    return [
        event_said(e.words.model_dump(mode="json") if e.words else None, e.detail, Translator(language), NAMES)
        for e in state_events
    ]


def test_voided_signatures_renewal_expiry_and_documents_read_in_simplified() -> None:
    """The rules' own sentences: no English left in them once said in Simplified, what was typed aside."""
    voided = signatures.apply_void(
        _signed_by_qianhai(), VoidSignatures(actor=officer(HKTE), reason="更正第2条"), T0 + timedelta(days=1)
    )
    renewing = executed()
    for party in renewing.parties:
        term.apply_renewal(renewing, DecideRenewal(actor=officer(party), renew=True), T0)
    renewed = term.end_term(renewing, T0 + timedelta(days=3 * 366))
    expired = term.end_term(executed(), T0 + timedelta(days=3 * 366))
    order = DocumentOrder(kind=DocumentKind.PARTNER_COPY, version=1)
    state = executed()
    missing = paperwork.mark_missing(state, order, "timeout", T0)
    made = paperwork.mark_rendered(state, order, T0)
    said = _said([*voided, *renewed, *expired, *missing, *made], "zh-Hans")
    assert said[0] == "深圳前海合作区的签署已作废：更正第2条"
    assert said[1].startswith("第2个有效期：") and "里程碑已存档" in said[1]
    assert said[2].startswith("第1个有效期已于") and said[2].endswith("届满")
    assert said[3] == "合作方文本未能制作：timeout" and said[4] == "合作方文本已补制完成"
    assert not any(re.search(r"[A-Za-z]{2,}", text.replace("timeout", "")) for text in said), said


def test_an_amendment_reads_in_traditional_with_the_milestones_by_title() -> None:
    state = executed()
    fair = state.milestones[0]
    extra = MilestonePlanItem(
        id="internships", title=Bilingual(en="Internships", zh="實習計劃"), owner_party_id="hkte", offset_months=2
    )
    moved = Reschedule(milestone_id=fair.id, due_date=fair.due_date + timedelta(days=7))
    amend = AmendMilestones(actor=officer(HKTE), milestones=[extra], reschedule=[moved], reason="首次會議")
    added, rescheduled = _said(followup.apply_amend(state, amend, T0 + timedelta(days=10)), "zh-Hant")
    assert added == "新增實習計劃：首次會議"
    assert rescheduled.endswith("：首次會議") and "→" in rescheduled and "年" in rescheduled


def _signed_by_qianhai() -> MouState:
    state = signing_open()
    signatures.apply_sign(state, Sign(actor=officer(QIANHAI), version=1, signatory=QIANHAI_SIGNATORY), T0)
    return state
