"""In headless Chromium, in English and Chinese: a party that cannot attend signs in counterpart, the
other at the ceremony; a refusal before the ceremony reads in the page's language; a notice of termination
shows on the page while the MoU stays in force. Screenshots land in tests/web/screenshots."""

from datetime import timedelta

import httpx
from playwright.async_api import Browser, expect
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from mouflow.demo import SIGNATORIES
from mouflow.domain.enums import Role
from tests import symposium as case
from tests.api.conftest import make_users
from tests.symposium import HttpDriver, Person
from tests.web.conftest import SCREENSHOTS

N = case.N


async def test_counterpart_ceremony_and_notice_in_both_languages(
    site: str, browser: Browser, sessions: sessionmaker[Session], time_env: WorkflowEnvironment
) -> None:
    users = make_users(sessions)
    async with httpx.AsyncClient(base_url=site, timeout=30) as client:
        api = HttpDriver(client, users)
        starts_at = await time_env.get_current_time() + timedelta(days=2)
        approved = [case.submit(N, 1), *(case.review(N, party, 1) for party in ("hkte", "nansha"))]
        await case.run(api, [case.start(case.NANSHA_MOU), *approved, case.schedule(N, starts_at)])

        nansha = await Person.sign_in(browser, site, users.token("nansha", Role.OFFICER), "nansha-officer", SCREENSHOTS)
        await nansha.visit(f"/web/mous/{N}")
        await nansha.page.click("#lang-zh-Hant")
        signatory = SIGNATORIES["nansha"]
        await nansha.page.fill("#sign-name-en", signatory.name_en)
        await nansha.page.fill("#sign-title-en", signatory.title_en)
        await nansha.press("#do-sign")  # at the ceremony, before it starts: refused in Chinese
        await expect(nansha.page.locator("#error")).to_contain_text("簽署由儀式開始")
        await expect(nansha.page.locator("#sign-name-en")).to_have_value(signatory.name_en)
        await nansha.shot("practice-01-refused-before-the-ceremony-zh")
        await nansha.page.check("#sign-in-counterpart")
        await nansha.press("#do-sign")
        await expect(nansha.page.locator("#error")).to_have_count(0)

        await time_env.sleep(timedelta(days=2, minutes=5))
        hkte = await Person.sign_in(browser, site, users.token("hkte", Role.OFFICER), "hkte-officer", SCREENSHOTS)
        await hkte.visit(f"/web/mous/{N}")
        await expect(hkte.page.locator("#sign-at-ceremony")).to_be_checked()
        await hkte.page.fill("#sign-name-en", SIGNATORIES["hkte"].name_en)
        await hkte.page.fill("#sign-title-en", SIGNATORIES["hkte"].title_en)
        await hkte.press("#do-sign")
        await hkte.stage_is("in force")

        await api.call("POST", f"/mous/{N}/termination", "nansha", body={"reason": "Zone restructured"})
        await hkte.visit(f"/web/mous/{N}")
        await hkte.stage_is("in force")
        await expect(hkte.page.locator("#termination-notice")).to_contain_text("Guangzhou Nansha District")
        await expect(hkte.page.locator("#termination-notice")).to_contain_text("stays in force until it ends on")
        await hkte.shot("practice-02-notice-en")
        await nansha.visit(f"/web/mous/{N}")
        await expect(nansha.page.locator("#termination-notice")).to_contain_text("廣州南沙區")
        await expect(nansha.page.locator("#termination-notice")).to_contain_text("備忘錄繼續生效")
        await expect(nansha.page.locator("#stages")).to_contain_text("副本簽署")
        await nansha.shot("practice-03-notice-zh")
