"""In headless Chromium with a Simplified-Chinese browser, as a new Qianhai officer would: write the MoU's
Simplified text, then review and approve the version that holds it, and find no English word on any page
passed, apart from proper names and the MoU's own English text (marked lang="en"). Screenshots land in
tests/web/screenshots."""

import re

import httpx
from playwright.async_api import Browser, Page, expect
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import ReadingLanguage, Role
from mouflow.store.db import session_scope
from mouflow.store.users import create_user
from tests.api.conftest import make_users
from tests.api.revisions import MOU, call
from tests.symposium import Person
from tests.web.helpers import CONTENT

WORD = re.compile(r"[A-Za-z]+")
# what is left of a page once the MoU's English text is taken out: its text as a reader reads it
WITHOUT_ENGLISH_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('[lang="en"], script, style, [hidden]').forEach((element) => element.remove());
  return body.textContent;
}"""
# the product's name, the party ids in the MoU's id, and units written as symbols in every language
PROPER_NAMES = {"mouflow", "hkte", "qianhai", "KB", "MB"}


async def english_left(page: Page, names: set[str]) -> list[str]:
    text = await page.evaluate(WITHOUT_ENGLISH_TEXT)
    return sorted({word for word in WORD.findall(text) if word not in PROPER_NAMES | names})


async def test_a_qianhai_officer_works_in_simplified_chinese(
    site: str, browser: Browser, sessions: sessionmaker[Session]
) -> None:
    users = make_users(sessions)
    with session_scope(sessions) as session:
        _, token = create_user(
            session=session,
            name="王小明",
            party_id="qianhai",
            role=Role.OFFICER,
            language=ReadingLanguage.SIMPLIFIED_CHINESE,
        )
    names = set(WORD.findall("Hong Kong Talent Engage officer"))  # the HKTE officer's name, on the timeline
    async with httpx.AsyncClient(base_url=site, timeout=30) as client:
        body = {"mou_id": MOU, "partner_ids": ["qianhai"], "content": CONTENT}
        await call(client, users, "POST", "/mous", "hkte", body)

    officer = await Person.sign_in(browser, site, token, "qianhai-zh-CN", locale="zh-CN")
    page = officer.page

    async def read(step: str) -> None:
        await officer.shot(f"simplified-{step}")
        left = await english_left(page, names)
        assert left == [], (step, page.url, left)

    await expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    await read("01-list")
    await officer.visit(f"/web/mous/{MOU}")
    await read("02-mou")
    await officer.press("#write-simplified")
    await expect(page.locator("#simplified-clause-1-text")).to_have_value("双方举办联合招聘活动，并交流人才政策信息。")
    await read("03-simplified-editor")
    headings = {"zh-Hant": "簡體中文文本", "en": "Simplified Chinese text", "zh-Hans": "简体中文文本"}
    for language, heading in headings.items():
        await officer.press(f"#lang-{language}")  # every interface language draws the editor; back to Simplified
        await expect(page.locator("h1")).to_have_text(heading)
        await officer.shot(f"simplified-03-simplified-editor-{language}")
    await officer.press("#do-save")
    await expect(page.locator("#notice")).to_be_visible()
    await read("04-saved")

    async with httpx.AsyncClient(base_url=site, timeout=30) as client:
        await call(client, users, "POST", f"/mous/{MOU}/submit", "hkte", {"version": 2})
    await officer.visit(f"/web/mous/{MOU}/versions/2")
    await expect(page.locator("#simplified-clause-2")).to_contain_text("人才政策信息")
    await read("05-version-2")
    await officer.visit(f"/web/mous/{MOU}/redline?from=1&to=2")
    await expect(page.locator("#simplified-status")).to_have_text("添加")
    await read("05-redline")
    await officer.visit(f"/web/mous/{MOU}")
    await read("06-in-review")
    await officer.press("#do-approve")
    await read("07-approved")
    async with httpx.AsyncClient(base_url=site, timeout=30) as client:
        await call(client, users, "POST", f"/mous/{MOU}/reviews", "hkte", {"version": 2, "decision": "approve"})
        status = await call(client, users, "GET", f"/mous/{MOU}", "hkte")
    assert status["stage"] == "ready_to_sign"  # Qianhai's approval of the page counted
    await officer.visit(f"/web/mous/{MOU}")
    await read("08-ready-to-sign")
