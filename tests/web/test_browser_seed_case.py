"""The symposium case clicked through in headless Chromium by an officer, a partner and a manager.

Drafting goes through the API (the pages have no draft editor); everything the pages
offer (submit, review, the ceremony, sign, report progress, confirm, the inbox, the dashboard, the language
switch) is clicked, step by step as tests.symposium lays the case out (its `BrowserDriver`). Screenshots
land in tests/web/screenshots (MOUFLOW_SCREENSHOTS to move them).
"""

from datetime import date, timedelta

import httpx
from playwright.async_api import Browser, expect
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from mouflow.dates_in_words import moment_in_words
from mouflow.domain.calendar import MOU_TIME_ZONE, start_of_day
from mouflow.domain.enums import Role
from tests import symposium as case
from tests.api.conftest import make_users
from tests.ceremony import until
from tests.symposium import BrowserDriver, HttpDriver
from tests.web.conftest import SCREENSHOTS

Q = case.Q


async def test_seed_case_clicked_through(
    site: str, browser: Browser, sessions: sessionmaker[Session], time_env: WorkflowEnvironment
) -> None:
    users = make_users(sessions)
    async with httpx.AsyncClient(base_url=site, timeout=30) as client:
        await click_through(BrowserDriver(site, browser, users, HttpDriver(client, users), SCREENSHOTS), time_env)


async def click_through(clicks: BrowserDriver, time_env: WorkflowEnvironment) -> None:
    site = clicks.site
    await case.run(clicks, [case.start(case.QIANHAI_MOU), case.start(case.NANSHA_MOU)])
    # the revision round; on the pages HKTE approves version 2 first, and Qianhai's approval completes it
    submit_1, hkte_approves_1, changes, draft_2, submit_2, qianhai_approves_2, hkte_approves_2 = case.negotiation()

    officer = await clicks.person("hkte")
    await expect(officer.page.locator("#mou-list tbody tr")).to_have_count(2)
    await officer.page.fill("#filter-q", "前海")  # search in the Chinese title
    await officer.press("#filter-apply")
    await expect(officer.page.locator("#mou-list tbody tr")).to_have_count(1)
    await officer.shot("01-list-search")
    await officer.press(f'tr[data-mou="{Q}"] a')
    await officer.stage_is("drafting")
    await expect(officer.page.locator("#form-review")).to_have_count(0)
    await clicks.do(submit_1)
    await expect(officer.page.locator("#notice")).to_be_visible()
    await officer.stage_is("in review")
    await clicks.do(hkte_approves_1)
    await officer.shot("02-submitted-and-approved")

    partner = await clicks.person("qianhai")
    await partner.visit("/web/inbox")
    await expect(partner.page.locator(f'#inbox tr[data-kind="review"][data-mou="{Q}"]')).to_have_count(1)
    await partner.shot("03-inbox")
    await partner.press(f'#inbox tr[data-mou="{Q}"] a')
    await partner.press("#do-request-changes")  # no comment: refused with the API's own words
    await expect(partner.page.locator("#error")).to_have_text(
        "a request for changes needs a comment saying what to change"
    )
    await partner.shot("04-refused-without-comment")
    await clicks.do(changes)
    await partner.stage_is("drafting")

    await case.run(clicks, [draft_2, submit_2, hkte_approves_2, qianhai_approves_2])
    await partner.stage_is("ready to sign")

    await officer.visit(f"/web/mous/{Q}")
    at = (await time_env.get_current_time() + timedelta(days=2)).astimezone(MOU_TIME_ZONE)
    scheduled = case.schedule(Q, at)
    await clicks.fill_ceremony(officer.page, case.ceremony_request(at), starts_at="2020-06-03T15:00")
    await officer.press("#do-ceremony")  # in the past: refused, and what was typed is still there
    await expect(officer.page.locator("#error")).to_contain_text("the ceremony must be in the future")
    await expect(officer.page.locator("#ceremony-venue-zh")).to_have_value(case.VENUE.zh)
    await clicks.do(scheduled)
    await expect(officer.page.locator("#ceremony")).to_contain_text(moment_in_words(at, "en"))
    await officer.shot("05-ceremony-scheduled")
    await until(at, time_env)  # signatures are taken from the ceremony's start
    await case.run(clicks, case.signatures(Q, "qianhai", 2))
    await partner.stage_is("in force")
    await expect(partner.page.locator("#milestone-chart rect.bar")).to_have_count(3)
    await expect(partner.page.locator("#ceremony")).to_contain_text("Secretary for Labour and Welfare")
    await expect(partner.page.locator("#party-status tr[data-party='qianhai']")).to_contain_text("✔")
    await partner.shot("06-in-force")
    await partner.press("#lang-zh-Hans")  # Qianhai reads Simplified: dates, parties, documents in its words
    await expect(partner.page.locator("#documents")).to_contain_text("合作方文本")
    await expect(partner.page.locator("#ceremony")).to_contain_text("香港标准时间")
    await expect(partner.page.locator("#milestones")).to_contain_text("深圳前海合作区")
    await partner.shot("06-in-force-zh-Hans")
    await partner.press("#lang-en")

    await case.run(clicks, case.fair(Q, "qianhai"))
    await expect(
        partner.page.locator('#milestone-chart rect.bar.done[data-milestone="joint-recruitment-fair"]')
    ).to_have_count(1)
    await expect(partner.page.locator("#timeline li[data-kind='milestone_confirmed']")).to_have_count(1)
    async with partner.page.expect_download() as download:  # behind the same session as the page
        await partner.page.click("a.document[data-kind='draft'] >> nth=0")
    assert (await download.value).suggested_filename.endswith(".pdf")

    detail = await clicks.http.call("GET", f"/mous/{Q}", "qianhai")
    due = {m["id"]: date.fromisoformat(m["due_date"]) for m in detail["milestones"]}
    overdue_at = start_of_day(due["talent-services-report"] + timedelta(days=1)) + timedelta(hours=1)
    await time_env.sleep(overdue_at - await time_env.get_current_time())

    manager = await clicks.person("hkte", Role.MANAGER)
    await manager.press("#nav-dashboard")
    await expect(
        manager.page.locator(f'#overdue tr[data-mou="{Q}"][data-milestone="talent-services-report"]')
    ).to_have_count(1)
    await expect(manager.page.locator('#progress-chart rect[data-party="qianhai"][data-tone="overdue"]')).to_have_count(
        1
    )
    await manager.shot("07-dashboard")
    await manager.press("#lang-zh-Hant")
    await expect(manager.page.locator("h1")).to_have_text("管理儀表板")
    await manager.shot("08-dashboard-zh-Hant")
    await partner.visit("/web/inbox")
    await expect(partner.page.locator('#inbox tr[data-kind="progress"].is-overdue')).to_have_count(1)

    nansha = await clicks.person("nansha")
    await expect(nansha.page.locator("#mou-list tbody tr")).to_have_count(1)
    response = await nansha.page.goto(f"{site}/web/mous/{Q}")
    assert response is not None and response.status == 404
    await expect(nansha.page.locator("#error")).to_have_text(f"there is no MoU {Q!r}")
    await nansha.shot("09-partner-cannot-see-other-mou")
