"""The seed case's human steps for HKTE and Qianhai (tests.symposium's `qianhai_chain`), as HTTP requests a
fault test can send one at a time.

Each step carries its own request id, which the workflow stamps on the events of the one transition
it causes: the audit log then shows, seq by seq, which step made which transition, and how often.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import httpx

from mouflow.domain.actions import SignatureRequest
from mouflow.domain.enums import Role
from tests import symposium
from tests.api.conftest import Users
from tests.ceremony import ceremony_soon, until
from tests.symposium import Step

MOU_ID = symposium.Q
PATH = f"/mous/{MOU_ID}"
WRITE_TIMEOUT = 90.0  # seconds: a write waits for the store, which waits for a restarted worker
# real time, and a worker or server may just have restarted: more than tests.ceremony's lead before it starts
FAULTS_CEREMONY_LEAD = timedelta(seconds=5)
CEREMONY_STEP = "ceremony"


def seed_steps() -> list[Step]:
    """Draft, a revision round, reviews by both parties, the ceremony, signatures, progress confirmed.

    The ceremony's time is set as its step is sent (`SeedCase.prepared`): this one is a placeholder."""
    return symposium.qianhai_chain(ceremony_soon(FAULTS_CEREMONY_LEAD))


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
            return replace(step, request=symposium.ceremony_request(self.ceremony_at))
        if isinstance(step.request, SignatureRequest) and self.ceremony_at is not None:
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
