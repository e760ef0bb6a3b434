"""In headless Chromium, in English and Chinese: the owner's officer adds a milestone to an MoU in force (a due
date past the term is refused next to its field, in the page's language, with what was typed kept), and the
partner's officer gives notice of termination. Screenshots land in tests/web/screenshots."""

from datetime import date, timedelta

import httpx
from playwright.async_api import Browser, expect
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from mouflow.domain.enums import Role
from tests import symposium as case
from tests.api.conftest import make_users
from tests.symposium import HttpDriver, Person

N = case.N


async def in_force(api: HttpDriver, time_env: WorkflowEnvironment) -> None:
    approved = [case.submit(N, 1), *(case.review(N, party, 1) for party in ("hkte", "nansha"))]
    starts_at = await time_env.get_current_time() + timedelta(days=2)
    await case.run(api, [case.start(case.NANSHA_MOU), *approved, case.schedule(N, starts_at)])
    await time_env.sleep(timedelta(days=2, minutes=5))
    await case.run(api, case.signatures(N, "nansha", 1))


async def fill_milestone(person: Person, due_date: str) -> None:
    await person.page.fill("#amend-id", "youth-exchange")
    await person.page.fill("#amend-title-en", "Youth talent exchange")
    await person.page.fill("#amend-title-zh", "青年人才交流")
    await person.page.select_option("#amend-owner", "nansha")
    await person.page.fill("#amend-due-date", due_date)
    await person.page.check("#amend-confirm")
    await person.page.fill("#amend-reason", "Agreed at the first review meeting")


async def test_a_milestone_added_and_notice_given_through_the_page_in_both_languages(
    site: str, browser: Browser, sessions: sessionmaker[Session], time_env: WorkflowEnvironment
) -> None:
    users = make_users(sessions)
    async with httpx.AsyncClient(base_url=site, timeout=30) as client:
        api = HttpDriver(client, users)
        await in_force(api, time_env)
        term = (await api.call("GET", f"/mous/{N}", "hkte"))["term"]
        term_end, effective = date.fromisoformat(term["end_date"]), date.fromisoformat(term["effective_date"])

        hkte = await Person.sign_in(browser, site, users.token("hkte", Role.OFFICER), "hkte-officer")
        await hkte.visit(f"/web/mous/{N}")
        await hkte.stage_is("in force")
        await fill_milestone(hkte, term_end.isoformat())  # the first day after the term: refused
        await hkte.press("#do-amend")
        await expect(hkte.page.locator("#error-amend-new-due")).to_contain_text("outside the term")
        await expect(hkte.page.locator("#amend-title-zh")).to_have_value("青年人才交流")
        await hkte.shot("closing-01-due-date-refused-en")

        await hkte.visit(f"/web/mous/{N}")  # the refused page's address is the form's, which only takes posts
        await hkte.press("#lang-zh-Hant")
        await fill_milestone(hkte, term_end.isoformat())
        await hkte.press("#do-amend")
        await expect(hkte.page.locator("#error-amend-new-due")).to_contain_text("不在")
        await hkte.shot("closing-02-due-date-refused-zh")
        await hkte.page.fill("#amend-due-date", (effective + timedelta(days=200)).isoformat())
        await hkte.press("#do-amend")
        await expect(hkte.page.locator("#error")).to_have_count(0)
        await expect(hkte.page.locator("#milestone-table")).to_contain_text("青年人才交流")
        await hkte.shot("closing-03-milestone-added-zh")

        nansha = await Person.sign_in(browser, site, users.token("nansha", Role.OFFICER), "nansha-officer")
        await nansha.visit(f"/web/mous/{N}")
        await nansha.page.fill("#terminate-reason", "The Nansha talent scheme was restructured")
        await nansha.press("#do-give-notice")
        await nansha.stage_is("in force")
        await expect(nansha.page.locator("#termination-notice")).to_contain_text("stays in force until it ends on")
        await expect(nansha.page.locator("#do-give-notice")).to_have_count(0)  # one notice runs
        await expect(nansha.page.locator("#do-consent-to-end")).to_be_visible()
        await nansha.shot("closing-04-notice-given-en")
        await hkte.visit(f"/web/mous/{N}")
        await expect(hkte.page.locator("#termination-notice")).to_contain_text("備忘錄繼續生效")
        await hkte.shot("closing-05-notice-seen-zh")
