"""The symposium case, once: HKTE signs MoUs with Qianhai (one revision round) and with Nansha.

The case is a list of steps, each what one party's officer does (a `Step`: whose, on which MoU, and the
request they make, in the API's own request models). A driver carries a step out its own way:

- `WorkflowDriver`: an Update on the MoU's workflow, as the API sends it (tests/workflows);
- `HttpDriver`: the API request, checked for its status (tests/api, tests/notify, and tests/faults, whose
  `SeedCase` sends the same requests one at a time around its faults);
- `BrowserDriver`: the page's form, clicked in Chromium (tests/web), or the API for what the pages do not
  offer (starting an MoU, drafting).

Each test file runs the steps through its driver and checks what its layer shows in between.
"""

import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import httpx
from playwright.async_api import Browser, Page, expect
from pydantic import BaseModel
from temporalio.client import Client, WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from mouflow import demo
from mouflow.demo import HKTE, NANSHA, QIANHAI, SECRETARY_FOR_LABOUR, officer, symposium_mou
from mouflow.domain.actions import (
    CeremonyRequest,
    ConfirmMilestone,
    ConfirmRequest,
    DraftRequest,
    ProgressRequest,
    ReportProgress,
    Review,
    ReviewRequest,
    Revise,
    ScheduleCeremony,
    Sign,
    SignatureRequest,
    StartMou,
    Submit,
    SubmitRequest,
)
from mouflow.domain.calendar import MOU_TIME_ZONE
from mouflow.domain.content import Bilingual, BilingualText, Clause, DraftContent, Party
from mouflow.domain.enums import MilestoneStatus, ReviewDecision, Role
from mouflow.domain.state import MouState
from mouflow.names import mou_workflow_id
from tests import ceremony as ceremony_clock
from tests.api.conftest import Users
from tests.workflows.driver import start as start_workflow
from workflows.mou import MouWorkflow

# the case's data
APPROVE, CHANGES = ReviewDecision.APPROVE, ReviewDecision.REQUEST_CHANGES
QIANHAI_MOU, NANSHA_MOU = symposium_mou(QIANHAI, "hkte-qianhai-2025"), symposium_mou(NANSHA, "hkte-nansha-2025")
Q, N = QIANHAI_MOU.mou_id, NANSHA_MOU.mou_id
SERVICES_CLAUSE = Clause(
    heading=Bilingual(en="Talent services", zh="人才服務"),
    text=BilingualText(
        en="Qianhai provides one-stop services to Hong Kong talent working in the Cooperation Zone.",
        zh="前海為在合作區工作的香港人才提供一站式服務。",
    ),
)
CHANGES_ASKED = "Please add a clause on talent services in Qianhai"
SIGNATORIES = demo.SIGNATORIES
VENUE = demo.CEREMONY_VENUE
PARTIES = {party.id: party for party in (HKTE, QIANHAI, NANSHA)}
FAIR = "joint-recruitment-fair"
SCREENSHOTS = Path(os.environ.get("MOUFLOW_SCREENSHOTS", Path(__file__).parent / "web" / "screenshots"))
OFFICER, MANAGER = Role.OFFICER, Role.MANAGER

Request = (
    StartMou | DraftRequest | SubmitRequest | ReviewRequest | CeremonyRequest | SignatureRequest | ProgressRequest
) | ConfirmRequest


@dataclass(frozen=True)
class Step:
    """What `party`'s officer does on `mou_id`: `request` is the body the API takes (a `StartMou` starts it)."""

    name: str
    party: str
    mou_id: str
    request: Request
    milestone_id: str | None = None  # progress and confirmations name their milestone in the path
    request_id: str = field(default_factory=lambda: f"step-{uuid.uuid4().hex[:16]}")

    @property
    def method(self) -> str:
        return route_of(self)[0]

    @property
    def path(self) -> str:
        return route_of(self)[1]

    @property
    def body(self) -> dict[str, Any]:
        """The step's request as the API takes it, in JSON."""
        if isinstance(self.request, StartMou):
            content = self.request.content.model_dump(mode="json")
            return {"mou_id": self.mou_id, "partner_ids": [p.id for p in self.request.partners], "content": content}
        return self.request.model_dump(mode="json")


def start(mou: StartMou) -> Step:
    return Step("start", mou.owner.id, mou.mou_id, mou)


def submit(mou_id: str, version: int, review_days: int = 14) -> Step:
    return Step(f"submit v{version}", "hkte", mou_id, SubmitRequest(version=version, review_days=review_days))


def review(mou_id: str, party: str, version: int, decision: ReviewDecision = APPROVE, comment: str = "") -> Step:
    name = f"{party} approves v{version}" if decision is APPROVE else f"{party} asks for changes"
    return Step(name, party, mou_id, ReviewRequest(version=version, decision=decision, comment=comment))


def draft(mou_id: str, base_version: int, content: DraftContent) -> Step:
    return Step(f"draft v{base_version + 1}", "hkte", mou_id, DraftRequest(base_version=base_version, content=content))


def ceremony_request(at: datetime) -> CeremonyRequest:
    """At the Central Government Offices, witnessed by the Secretary for Labour and Welfare."""
    return CeremonyRequest(starts_at=at, time_zone="Asia/Hong_Kong", venue=VENUE, witnesses=[SECRETARY_FOR_LABOUR])


def ceremony(at: datetime) -> ScheduleCeremony:
    """The ceremony as the workflow receives it from HKTE's officer."""
    return ScheduleCeremony(actor=officer(HKTE), **dict(ceremony_request(at)))


def schedule(mou_id: str, at: datetime) -> Step:
    return Step("ceremony", "hkte", mou_id, ceremony_request(at))


def sign(mou_id: str, party: str, version: int) -> Step:
    return Step(f"{party} signs", party, mou_id, SignatureRequest(version=version, signatory=SIGNATORIES[party]))


def progress(mou_id: str, party: str, milestone_id: str, done: bool = True, note: str = "", name: str = "") -> Step:
    status = MilestoneStatus.DONE if done else MilestoneStatus.IN_PROGRESS
    request = ProgressRequest(status=status, note=note)
    return Step(name or f"{milestone_id} reported", party, mou_id, request, milestone_id=milestone_id)


def confirm(mou_id: str, party: str, milestone_id: str, note: str = "Attended and verified", name: str = "") -> Step:
    request = ConfirmRequest(note=note)
    return Step(name or f"{milestone_id} confirmed", party, mou_id, request, milestone_id=milestone_id)


def revised_qianhai_content() -> DraftContent:
    content = QIANHAI_MOU.content
    return content.model_copy(update={"clauses": [*content.clauses, SERVICES_CLAUSE]})


def negotiation(mou_id: str = Q) -> list[Step]:
    """Qianhai asks for a services clause; version 2 adds it and both approve it, Qianhai first."""
    return [
        submit(mou_id, 1),
        review(mou_id, "hkte", 1),
        review(mou_id, "qianhai", 1, CHANGES, CHANGES_ASKED),
        draft(mou_id, 1, revised_qianhai_content()),
        submit(mou_id, 2),
        review(mou_id, "qianhai", 2),
        review(mou_id, "hkte", 2),
    ]


def signatures(mou_id: str, partner: str, version: int) -> list[Step]:
    return [sign(mou_id, "hkte", version), sign(mou_id, partner, version)]


def fair(mou_id: str, partner: str) -> list[Step]:
    """The joint recruitment fair: HKTE reports it held, the partner confirms."""
    return [
        progress(mou_id, "hkte", FAIR, note="1,200 candidates attended", name="fair reported"),
        confirm(mou_id, partner, FAIR, name="fair confirmed"),
    ]


def qianhai_chain(ceremony_at: datetime) -> list[Step]:
    """HKTE and Qianhai from the draft to the fair confirmed: start, the negotiation, the ceremony at
    `ceremony_at`, both signatures, the fair. The fault tests send it step by step, by these names."""
    return [
        start(QIANHAI_MOU),
        *negotiation(),
        schedule(Q, ceremony_at),
        *signatures(Q, "qianhai", 2),
        *fair(Q, "qianhai"),
    ]


class Driver(Protocol):
    async def do(self, step: Step) -> Any: ...


async def run(driver: Driver, steps: Iterable[Step]) -> list[Any]:
    return [await driver.do(step) for step in steps]


# the workflow, as the API drives it

Mou = WorkflowHandle[MouWorkflow, object]


@dataclass(frozen=True)
class _Update:
    update: Any
    action: type[BaseModel]


UPDATES: dict[type[BaseModel], _Update] = {
    DraftRequest: _Update(MouWorkflow.revise, Revise),
    SubmitRequest: _Update(MouWorkflow.submit, Submit),
    ReviewRequest: _Update(MouWorkflow.review, Review),
    CeremonyRequest: _Update(MouWorkflow.schedule_ceremony, ScheduleCeremony),
    SignatureRequest: _Update(MouWorkflow.sign, Sign),
    ProgressRequest: _Update(MouWorkflow.report_progress, ReportProgress),
    ConfirmRequest: _Update(MouWorkflow.confirm_milestone, ConfirmMilestone),
}


def action_of(step: Step) -> BaseModel:
    """The step as the API hands it to the workflow: the request, with the officer as actor."""
    fields = {**dict(step.request), "actor": officer(PARTIES[step.party]), "request_id": step.request_id}
    if step.milestone_id:
        fields["milestone_id"] = step.milestone_id
    return UPDATES[type(step.request)].action(**fields)


@dataclass
class WorkflowDriver:
    client: Client
    task_queue: str

    def mou(self, mou_id: str) -> Mou:
        return self.client.get_workflow_handle_for(MouWorkflow.run, mou_workflow_id(mou_id))  # type: ignore[return-value]

    async def do(self, step: Step) -> Any:
        if isinstance(step.request, StartMou):
            return await start_workflow(self.client, self.task_queue, step.request)  # the API's start
        return await self.mou(step.mou_id).execute_update(UPDATES[type(step.request)].update, action_of(step))

    async def status(self, mou_id: str) -> MouState:
        return await self.mou(mou_id).query(MouWorkflow.status)


# the helpers the workflow tests have always used, on one MoU's handle


async def status(mou: Mou) -> MouState:
    return await mou.query(MouWorkflow.status)


async def on(mou: Mou, step: Step) -> Any:
    return await mou.execute_update(UPDATES[type(step.request)].update, action_of(step))


async def review_by(
    mou: Mou, party: Party, version: int, decision: ReviewDecision = APPROVE, comment: str = ""
) -> None:
    await on(mou, review(_id(mou), party.id, version, decision, comment))


async def negotiate_qianhai(mou: Mou) -> None:
    """`negotiation()` on this MoU's handle."""
    for step in negotiation(_id(mou)):
        await on(mou, step)


async def wait_for_ceremony(env: WorkflowEnvironment, mou: Mou) -> None:
    """Signatures are taken from the ceremony's start: the time-skipping server skips to it, a dev server waits."""
    scheduled = (await status(mou)).ceremony
    assert scheduled is not None, f"{mou.id}: no ceremony is scheduled"
    await ceremony_clock.until(scheduled.starts_at, env)


async def hold_ceremony(
    env: WorkflowEnvironment, mou: Mou, partner: Party, after: timedelta = timedelta(days=2)
) -> None:
    """Schedule the ceremony `after` from now, wait for its start, and sign for each party that has not."""
    await on(mou, schedule(_id(mou), await env.get_current_time() + after))
    await wait_for_ceremony(env, mou)
    await sign_all_remaining(mou, partner)


async def sign_all_remaining(mou: Mou, partner: Party) -> None:
    """At the ceremony: call `wait_for_ceremony` first."""
    state = await status(mou)
    signed = {signature.party_id for signature in state.signatures}
    for step in signatures(_id(mou), partner.id, state.approved_version or 0):
        if step.party not in signed:
            await on(mou, step)


async def report(mou: Mou, party: Party, milestone_id: str, done: bool = True, note: str = "") -> None:
    await on(mou, progress(_id(mou), party.id, milestone_id, done, note))


async def confirm_by(mou: Mou, party: Party, milestone_id: str) -> None:
    await on(mou, confirm(_id(mou), party.id, milestone_id))


def _id(mou: Mou) -> str:
    return mou.id.removeprefix("mou-")


def days(n: float) -> timedelta:
    return timedelta(days=n)


# the API


def route_of(step: Step) -> tuple[str, str]:
    """The step's method and path in the API."""
    mou = f"/mous/{step.mou_id}"
    match step.request:
        case StartMou():
            return "POST", "/mous"
        case DraftRequest():
            return "PUT", f"{mou}/draft"
        case SubmitRequest():
            return "POST", f"{mou}/submit"
        case ReviewRequest():
            return "POST", f"{mou}/reviews"
        case CeremonyRequest():
            return "POST", f"{mou}/ceremony"
        case SignatureRequest():
            return "POST", f"{mou}/signatures"
        case ProgressRequest():
            return "POST", f"{mou}/milestones/{step.milestone_id}/progress"
        case ConfirmRequest():
            return "POST", f"{mou}/milestones/{step.milestone_id}/confirm"
    raise AssertionError(f"no route for {step}")


@dataclass
class HttpDriver:
    """Each step as its party's officer sends it; `call` for any other request, as any user."""

    api: httpx.AsyncClient
    users: Users

    async def do(self, step: Step, expect: int | None = None) -> Any:
        return await self.call(step.method, step.path, step.party, body=step.body, expect=expect or _created(step))

    async def call(
        self, method: str, path: str, party: str, role: Role = OFFICER, body: object = None, expect: int = 200
    ) -> Any:
        response = await self.api.request(method, path, json=body, headers=self.users.headers(party, role))
        assert response.status_code == expect, (
            f"{method} {path} as {party} {role}: {response.status_code} {response.text}"
        )
        return response.json()


def _created(step: Step) -> int:
    return 201 if isinstance(step.request, StartMou) else 200


# the pages, in Chromium


@dataclass
class Person:
    """One user in a browser context of their own: their own cookies, their own session."""

    page: Page
    site: str
    name: str
    screenshots: Path = SCREENSHOTS  # MOUFLOW_SCREENSHOTS moves them

    @classmethod
    async def sign_in(
        cls, browser: Browser, site: str, token: str, name: str, screenshots: Path = SCREENSHOTS, locale: str = "en-GB"
    ) -> "Person":
        context = await browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        person = cls(await context.new_page(), site, name, screenshots)
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
        self.screenshots.mkdir(parents=True, exist_ok=True)
        await self.page.screenshot(path=str(self.screenshots / f"{step}-{self.name}.png"), full_page=True)

    async def stage_is(self, stage: str) -> None:
        await expect(self.page.locator("section.head .stage")).to_have_text(stage)


@dataclass
class BrowserDriver:
    """Each officer signed in once, in a context of their own; a step is clicked on its MoU's page, where the
    page offers it, and sent through `http` where it does not (the pages have no draft editor)."""

    site: str
    browser: Browser
    users: Users
    http: HttpDriver
    screenshots: Path = SCREENSHOTS
    people: dict[str, Person] = field(default_factory=dict)

    async def person(self, party: str, role: Role = OFFICER) -> Person:
        key = f"{party}-{role.value}"
        if key not in self.people:
            token = self.users.token(party, role)
            self.people[key] = await Person.sign_in(self.browser, self.site, token, key, self.screenshots)
        return self.people[key]

    async def do(self, step: Step) -> Any:
        if isinstance(step.request, StartMou | DraftRequest):
            return await self.http.do(step)
        person = await self.person(step.party)
        await person.visit(f"/web/mous/{step.mou_id}")
        page = person.page
        match step.request:
            case SubmitRequest():
                await person.press("#do-submit")
            case ReviewRequest(decision=ReviewDecision.APPROVE):
                await person.press("#do-approve")
            case ReviewRequest(comment=comment):
                await page.fill("#review-comment", comment)
                await person.press("#do-request-changes")
            case CeremonyRequest() as request:
                await self.fill_ceremony(page, request)
                await person.press("#do-ceremony")
            case SignatureRequest(signatory=signatory):
                await page.fill("#sign-name-en", signatory.name_en)
                await page.fill("#sign-title-en", signatory.title_en)
                await person.press("#do-sign")
            case ProgressRequest(status=status):
                await page.select_option(f"#form-progress-{step.milestone_id} select", status.value)
                await person.press(f"#do-progress-{step.milestone_id}")
            case ConfirmRequest():
                await person.press(f"#do-confirm-{step.milestone_id}")
        return person

    @staticmethod
    async def fill_ceremony(page: Page, request: CeremonyRequest, starts_at: str | None = None) -> None:
        """The ceremony form as an officer fills it in, in Hong Kong time to the minute."""
        witness = request.witnesses[0]
        for selector, value in (
            ("#ceremony-venue-en", request.venue.en),
            ("#ceremony-venue-zh", request.venue.zh),
            ("#witness-name-en", witness.name.en),
            ("#witness-title-en", witness.title.en),
            ("#witness-name-zh", witness.name.zh),
            ("#witness-title-zh", witness.title.zh),
        ):
            await page.fill(selector, value)
        local = starts_at or request.starts_at.astimezone(MOU_TIME_ZONE).strftime("%Y-%m-%dT%H:%M")
        await page.fill("#ceremony-starts-at", local)
