"""In headless Chromium, in English and Chinese: a partner's officer goes from the MoU page to what changed since
their party's review, then reads the new version in full. Screenshots land in tests/web/screenshots."""

import httpx
from playwright.async_api import Browser, expect
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import Role
from tests.api.conftest import make_users
from tests.api.revisions import MOU, call, third_version, two_versions
from tests.symposium import Person


async def test_the_redline_and_the_version_read_in_both_languages(
    site: str, browser: Browser, sessions: sessionmaker[Session]
) -> None:
    users = make_users(sessions)
    async with httpx.AsyncClient(base_url=site, timeout=30) as client:
        await two_versions(client, users)
        await call(client, users, "PUT", f"/mous/{MOU}/draft", "hkte", {"base_version": 2, "content": third_version()})

    qianhai = await Person.sign_in(browser, site, users.token("qianhai", Role.OFFICER), "qianhai-officer")
    await qianhai.visit(f"/web/mous/{MOU}/redline?from=1&to=2")
    page = qianhai.page
    await expect(page.locator("#compared")).to_contain_text("From version 1 to version 2")
    inserted = page.locator("#clause-2 .language-en ins").first
    await expect(inserted).to_contain_text("twice a year")
    await expect(inserted).to_have_css("text-decoration-line", "underline")  # not by colour alone
    await expect(page.locator("#one-language")).to_contain_text("Changed in English only")
    await expect(page.locator("#clause-1 details")).not_to_have_attribute("open", "")  # unchanged: folded away
    await qianhai.shot("reading-01-redline-en")

    await page.click("#lang-zh-Hant")
    await expect(page.locator("#compared")).to_contain_text("由版本 1 至版本 2")
    await expect(page.locator("#flag-2-clause_text")).to_contain_text("只修改了英文本")
    await qianhai.shot("reading-02-redline-zh")

    await qianhai.press("#read-to")
    await expect(page.locator("#clause-3")).to_contain_text("前海為在合作區工作的香港人才提供一站式服務")
    await expect(page.locator("#term-months")).to_have_text("48 個月")
    await qianhai.shot("reading-03-version-zh")
    await page.click("#lang-en")
    await expect(page.locator("#plan-annual-review")).to_contain_text("18 months after the effective date")
    await qianhai.shot("reading-04-version-en")

    await qianhai.visit(f"/web/mous/{MOU}")
    await qianhai.press("#what-changed")  # since Qianhai's review of version 1, to the latest
    await expect(page.locator("#compared")).to_contain_text("From version 1 to version 3")
    await page.select_option("#compare-from", "2")
    await qianhai.press("#do-compare")
    await expect(page.locator("#compared")).to_contain_text("From version 2 to version 3")
    await expect(page.locator("#clause-1 .change")).to_have_text("moved from clause 3")
    await expect(page.locator("#clause-removed-2 .change")).to_have_text("removed")
    await expect(page.locator("#one-language")).to_contain_text("Scope area 4: Changed in Chinese only")
    await qianhai.shot("reading-05-moved-and-removed-en")
