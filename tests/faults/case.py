"""The seed case's human steps for HKTE and Qianhai, as HTTP requests a fault test can run one at a time.

Each step carries its own request id, which the workflow stamps on the events of the one transition
it causes: the audit log then shows, seq by seq, which step made which transition, and how often.
"""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx

from mouflow.domain.enums import Role
from tests.api.conftest import Users
from tests.workflows import seed_case as case

MOU_ID = "hkte-qianhai-2025"
PATH = f"/mous/{MOU_ID}"
FAIR = f"{PATH}/milestones/joint-recruitment-fair"
WRITE_TIMEOUT = 90.0  # seconds: a write waits for the store, which waits for a restarted worker


@dataclass(frozen=True)
class Step:
    name: str
    method: str
    path: str
    party: str
    body: dict[str, object]
    request_id: str = field(default_factory=lambda: f"fault-{uuid.uuid4().hex[:16]}")


def seed_steps(ceremony_at: datetime) -> list[Step]:
    """Draft, a revision round, reviews by both parties, the ceremony, signatures, progress confirmed."""
    content = case.QIANHAI_MOU.content.model_dump(mode="json")
    revised = {**content, "clauses": [*content["clauses"], case.SERVICES_CLAUSE.model_dump(mode="json")]}
    ceremony = case.ceremony(ceremony_at).model_dump(mode="json", exclude={"actor", "request_id"})
    return [
        Step("start", "POST", "/mous", "hkte", {"mou_id": MOU_ID, "partner_ids": ["qianhai"], "content": content}),
        Step("submit v1", "POST", f"{PATH}/submit", "hkte", {"version": 1}),
        Step("hkte approves v1", "POST", f"{PATH}/reviews", "hkte", review(1, "approve")),
        Step("qianhai asks for changes", "POST", f"{PATH}/reviews", "qianhai", review(1, "request_changes")),
        Step("draft v2", "PUT", f"{PATH}/draft", "hkte", {"base_version": 1, "content": revised}),
        Step("submit v2", "POST", f"{PATH}/submit", "hkte", {"version": 2}),
        Step("qianhai approves v2", "POST", f"{PATH}/reviews", "qianhai", review(2, "approve")),
        Step("hkte approves v2", "POST", f"{PATH}/reviews", "hkte", review(2, "approve")),
        Step("ceremony", "POST", f"{PATH}/ceremony", "hkte", ceremony),
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


def ceremony_in_two_days() -> datetime:
    return datetime.now(UTC) + timedelta(days=2)


@dataclass
class SeedCase:
    """Runs the steps through the API as each party's officer; `done` counts the steps that answered."""

    api: httpx.AsyncClient
    users: Users
    steps: list[Step] = field(default_factory=lambda: seed_steps(ceremony_in_two_days()))
    done: int = 0

    async def run(self, step: Step) -> dict[str, object]:
        response = await self.send(step)
        assert response.status_code in (200, 201), f"{step.name}: {response.status_code} {response.text}"
        self.done += 1
        return response.json()  # type: ignore[no-any-return]

    async def send(self, step: Step) -> httpx.Response:
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
