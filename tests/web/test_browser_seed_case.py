"""The symposium case clicked through in headless Chromium by an officer, a partner and a manager.

Drafting goes through the API (the pages have no draft editor); everything the pages
offer (submit, review, the ceremony, sign, report progress, confirm, the inbox, the dashboard, the language
switch) is clicked. Screenshots land in tests/web/screenshots (MOUFLOW_SCREENSHOTS to move them).
"""

from dataclasses import dataclass
from datetime import date, timedelta

import httpx
from playwright.async_api import Browser, Page, expect
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from mouflow.domain.calendar import MOU_TIME_ZONE, start_of_day
from mouflow.domain.enums import Role
from tests.api.conftest import Users, make_users
from tests.ceremony import until
from tests.web.conftest import SCREENSHOTS
from tests.workflows import seed_case as case

Q = "hkte-qianhai-2025"
N = "hkte-nansha-2025"


@dataclass
class Person:
    """One user in a browser context of their own: their own cookies, their own session."""

    page: Page
    site: str
    name: str

    @classmethod
    async def sign_in(cls, browser: Browser, site: str, token: str, name: str) -> "Person":
        context = await browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        person = cls(await context.new_page(), site, name)
        await person.page.goto(f"{site}/web/mous")
        await expect(person.page).to_have_url(f"{site}/web/login?next=%2Fweb%2Fmous")  # not signed in yet
        await person.page.fill("#token", token)
        await person.page.click("#sign-in")
        await expect(person.page.locator("#who")).to_be_visible()
        return person

    async def visit(self, path: str) -> None:
        await self.page.goto(f"{self.site}{path}")

    async def press(self, button: str) -> None:
        async with self.page.expect_navigation():
            await self.page.click(button)

    async def shot(self, step: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await self.page.screenshot(path=str(SCREENSHOTS / f"{step}-{self.name}.png"), full_page=True)

    async def stage_is(self, stage: str) -> None:
        await expect(self.page.locator("section.head .stage")).to_have_text(stage)


class Api:
    def __init__(self, client: httpx.AsyncClient, users: Users) -> None:
        self.client, self.users = client, users

    async def call(self, method: str, path: str, party: str, body: object = None) -> dict:  # type: ignore[type-arg]
        response = await self.client.request(method, path, json=body, headers=self.users.headers(party, Role.OFFICER))
        assert response.is_success, f"{method} {path}: {response.status_code} {response.text}"
        return response.json()  # type: ignore[no-any-return]


async def test_seed_case_clicked_through(
    site: str, browser: Browser, sessions: sessionmaker[Session], time_env: WorkflowEnvironment
) -> None:
    users = make_users(sessions)
    async with httpx.AsyncClient(base_url=site, timeout=30) as client:
        await click_through(site, browser, Api(client, users), users, time_env)


async def click_through(site: str, browser: Browser, api: "Api", users: Users, time_env: WorkflowEnvironment) -> None:
    for mou_id, partner, mou in ((Q, "qianhai", case.QIANHAI_MOU), (N, "nansha", case.NANSHA_MOU)):
        content = mou.content.model_dump(mode="json")
        await api.call("POST", "/mous", "hkte", {"mou_id": mou_id, "partner_ids": [partner], "content": content})

    officer = await Person.sign_in(browser, site, users.token("hkte", Role.OFFICER), "hkte-officer")
    await expect(officer.page.locator("#mou-list tbody tr")).to_have_count(2)
    await officer.page.fill("#filter-q", "前海")  # search in the Chinese title
    await officer.press("#filter-apply")
    await expect(officer.page.locator("#mou-list tbody tr")).to_have_count(1)
    await officer.shot("01-list-search")
    await officer.press(f'tr[data-mou="{Q}"] a')
    await officer.stage_is("drafting")
    await expect(officer.page.locator("#form-review")).to_have_count(0)
    await officer.press("#do-submit")
    await expect(officer.page.locator("#notice")).to_be_visible()
    await officer.stage_is("in review")
    await officer.press("#do-approve")
    await officer.shot("02-submitted-and-approved")

    partner = await Person.sign_in(browser, site, users.token("qianhai", Role.OFFICER), "qianhai-officer")
    await partner.visit("/web/inbox")
    await expect(partner.page.locator(f'#inbox tr[data-kind="review"][data-mou="{Q}"]')).to_have_count(1)
    await partner.shot("03-inbox")
    await partner.press(f'#inbox tr[data-mou="{Q}"] a')
    await partner.press("#do-request-changes")  # no comment: refused with the API's own words
    await expect(partner.page.locator("#error")).to_have_text(
        "a request for changes needs a comment saying what to change"
    )
    await partner.shot("04-refused-without-comment")
    await partner.page.fill("#review-comment", "Please add a clause on talent services in Qianhai")
    await partner.press("#do-request-changes")
    await partner.stage_is("drafting")

    revised = case.QIANHAI_MOU.content.model_dump(mode="json")
    revised["clauses"].append(case.SERVICES_CLAUSE.model_dump(mode="json"))
    await api.call("PUT", f"/mous/{Q}/draft", "hkte", {"base_version": 1, "content": revised})
    await officer.visit(f"/web/mous/{Q}")
    await officer.press("#do-submit")
    await officer.press("#do-approve")
    await partner.visit(f"/web/mous/{Q}")
    await partner.press("#do-approve")
    await partner.stage_is("ready to sign")

    await officer.visit(f"/web/mous/{Q}")
    venue, witness = case.VENUE, case.SECRETARY_FOR_LABOUR
    for field, value in (
        ("#ceremony-venue-en", venue.en),
        ("#ceremony-venue-zh", venue.zh),
        ("#witness-name-en", witness.name.en),
        ("#witness-title-en", witness.title.en),
        ("#witness-name-zh", witness.name.zh),
        ("#witness-title-zh", witness.title.zh),
    ):
        await officer.page.fill(field, value)
    await officer.page.fill("#ceremony-starts-at", "2020-06-03T15:00")
    await officer.press("#do-ceremony")  # in the past: refused, and what was typed is still there
    await expect(officer.page.locator("#error")).to_contain_text("the ceremony must be in the future")
    await expect(officer.page.locator("#ceremony-venue-zh")).to_have_value(venue.zh)
    at = (await time_env.get_current_time() + timedelta(days=2)).astimezone(MOU_TIME_ZONE)
    await officer.page.fill("#ceremony-starts-at", at.strftime("%Y-%m-%dT%H:%M"))
    await officer.press("#do-ceremony")
    await expect(officer.page.locator("#ceremony")).to_contain_text(at.strftime("%Y-%m-%d %H:%M HKT"))
    await officer.shot("05-ceremony-scheduled")
    await until(at, time_env)  # signatures are taken from the ceremony's start
    for person, party in ((officer, "hkte"), (partner, "qianhai")):
        await person.visit(f"/web/mous/{Q}")
        signatory = case.SIGNATORIES[party]
        await person.page.fill("#sign-name-en", signatory.name_en)
        await person.page.fill("#sign-title-en", signatory.title_en)
        await person.press("#do-sign")
    await partner.stage_is("in force")
    await expect(partner.page.locator("#milestone-chart rect.bar")).to_have_count(3)
    await expect(partner.page.locator("#ceremony")).to_contain_text("Secretary for Labour and Welfare")
    await expect(partner.page.locator("#party-status tr[data-party='qianhai']")).to_contain_text("✔")
    await partner.shot("06-in-force")

    await officer.visit(f"/web/mous/{Q}")
    await officer.page.select_option("#form-progress-joint-recruitment-fair select", "done")
    await officer.press("#do-progress-joint-recruitment-fair")
    await partner.visit(f"/web/mous/{Q}")
    await partner.press("#do-confirm-joint-recruitment-fair")
    await expect(
        partner.page.locator('#milestone-chart rect.bar.done[data-milestone="joint-recruitment-fair"]')
    ).to_have_count(1)
    await expect(partner.page.locator("#timeline li[data-kind='milestone_confirmed']")).to_have_count(1)
    async with partner.page.expect_download() as download:  # behind the same session as the page
        await partner.page.click("a.document[data-kind='draft'] >> nth=0")
    assert (await download.value).suggested_filename.endswith(".pdf")

    detail = await api.call("GET", f"/mous/{Q}", "qianhai")
    due = {m["id"]: date.fromisoformat(m["due_date"]) for m in detail["milestones"]}
    overdue_at = start_of_day(due["talent-services-report"] + timedelta(days=1)) + timedelta(hours=1)
    await time_env.sleep(overdue_at - await time_env.get_current_time())

    manager = await Person.sign_in(browser, site, users.token("hkte", Role.MANAGER), "hkte-manager")
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

    nansha = await Person.sign_in(browser, site, users.token("nansha", Role.OFFICER), "nansha-officer")
    await expect(nansha.page.locator("#mou-list tbody tr")).to_have_count(1)
    response = await nansha.page.goto(f"{site}/web/mous/{Q}")
    assert response is not None and response.status == 404
    await expect(nansha.page.locator("#error")).to_have_text(f"there is no MoU {Q!r}")
    await nansha.shot("09-partner-cannot-see-other-mou")
