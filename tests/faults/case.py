"""The seed case's human steps for HKTE and Qianhai, as HTTP requests a fault test can run one at a time.

Each step carries its own request id, which the workflow stamps on the events of the one transition
it causes: the audit log then shows, seq by seq, which step made which transition, and how often.
"""

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import httpx

from mouflow.domain.enums import Role
from tests.api.conftest import Users
from tests.ceremony import ceremony_soon, until
from tests.workflows import seed_case as case

MOU_ID = "hkte-qianhai-2025"
PATH = f"/mous/{MOU_ID}"
FAIR = f"{PATH}/milestones/joint-recruitment-fair"
WRITE_TIMEOUT = 90.0  # seconds: a write waits for the store, which waits for a restarted worker
# real time, and a worker or server may just have restarted: more than tests.ceremony's lead before it starts
FAULTS_CEREMONY_LEAD = timedelta(seconds=5)
CEREMONY_STEP = "ceremony"


@dataclass(frozen=True)
class Step:
    name: str
    method: str
    path: str
    party: str
    body: dict[str, object]
    request_id: str = field(default_factory=lambda: f"fault-{uuid.uuid4().hex[:16]}")


def seed_steps() -> list[Step]:
    """Draft, a revision round, reviews by both parties, the ceremony, signatures, progress confirmed.

    The ceremony's time is set as its step is sent (`SeedCase.prepared`): this one is a placeholder."""
    content = case.QIANHAI_MOU.content.model_dump(mode="json")
    revised = {**content, "clauses": [*content["clauses"], case.SERVICES_CLAUSE.model_dump(mode="json")]}
    ceremony = ceremony_body(ceremony_soon(FAULTS_CEREMONY_LEAD))
    return [
        Step("start", "POST", "/mous", "hkte", {"mou_id": MOU_ID, "partner_ids": ["qianhai"], "content": content}),
        Step("submit v1", "POST", f"{PATH}/submit", "hkte", {"version": 1}),
        Step("hkte approves v1", "POST", f"{PATH}/reviews", "hkte", review(1, "approve")),
        Step("qianhai asks for changes", "POST", f"{PATH}/reviews", "qianhai", review(1, "request_changes")),
        Step("draft v2", "PUT", f"{PATH}/draft", "hkte", {"base_version": 1, "content": revised}),
        Step("submit v2", "POST", f"{PATH}/submit", "hkte", {"version": 2}),
        Step("qianhai approves v2", "POST", f"{PATH}/reviews", "qianhai", review(2, "approve")),
        Step("hkte approves v2", "POST", f"{PATH}/reviews", "hkte", review(2, "approve")),
        Step(CEREMONY_STEP, "POST", f"{PATH}/ceremony", "hkte", ceremony),
        Step("hkte signs", "POST", f"{PATH}/signatures", "hkte", signature("hkte")),
        Step("qianhai signs", "POST", f"{PATH}/signatures", "qianhai", signature("qianhai")),
        Step("fair reported", "POST", f"{FAIR}/progress", "hkte", {"status": "done", "note": "1,200 attended"}),
        Step("fair confirmed", "POST", f"{FAIR}/confirm", "qianhai", {"note": "Verified"}),
    ]


def review(version: int, decision: str) -> dict[str, object]:
    comment = "Add a clause on talent services" if decision == "request_changes" else ""
    return {"version": version, "decision": decision, "comment": comment}


def signature(party: str) -> dict[str, object]:
    return {"version": 2, "signatory": case.SIGNATORIES[party].model_dump(mode="json")}


def ceremony_body(at: datetime) -> dict[str, object]:
    return case.ceremony(at).model_dump(mode="json", exclude={"actor", "request_id"})


@dataclass
class SeedCase:
    """Runs the steps through the API as each party's officer; `done` counts the steps that answered."""

    api: httpx.AsyncClient
    users: Users
    steps: list[Step] = field(default_factory=seed_steps)
    done: int = 0
    ceremony_at: datetime | None = None  # set when the ceremony step is first sent, kept for its retries

    async def prepared(self, step: Step) -> Step:
        """The step as it is sent now: the ceremony a moment ahead, and a signature only once it has started."""
        if step.name == CEREMONY_STEP:
            self.ceremony_at = self.ceremony_at or ceremony_soon(FAULTS_CEREMONY_LEAD)
            return replace(step, body=ceremony_body(self.ceremony_at))
        if step.path.endswith("/signatures") and self.ceremony_at is not None:
            await until(self.ceremony_at)  # signatures are taken from the ceremony's start
        return step

    async def run(self, step: Step) -> dict[str, object]:
        response = await self.send(step)
        assert response.status_code in (200, 201), f"{step.name}: {response.status_code} {response.text}"
        self.done += 1
        return response.json()  # type: ignore[no-any-return]

    async def send(self, step: Step) -> httpx.Response:
        step = await self.prepared(step)
        headers = {**self.users.headers(step.party, Role.OFFICER), "X-Request-Id": step.request_id}
        return await self.api.request(step.method, step.path, json=step.body, headers=headers, timeout=WRITE_TIMEOUT)

    async def run_until(self, last: str) -> None:
        """Runs the steps that are left, up to and including the one named `last`."""
        for step in self.steps[self.done :]:
            await self.run(step)
            if step.name == last:
                return
        raise AssertionError(f"no step named {last!r} left to run")

    def step(self, name: str) -> Step:
        return next(step for step in self.steps if step.name == name)

    @property
    def request_ids(self) -> list[str]:
        return [step.request_id for step in self.steps]
