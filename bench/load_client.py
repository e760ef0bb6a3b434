"""The load run's HTTP client: the officers' tokens, every write timed, every refusal kept."""

import asyncio
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy.orm import Session, sessionmaker
from symposium import PARTIES

from mouflow.demo import HKTE
from mouflow.domain.enums import Role
from mouflow.store.db import session_scope
from mouflow.store.parties import create_party
from mouflow.store.users import create_user

MANAGER = "hkte-manager"


class StepFailed(Exception):
    """A request did not answer as the lifecycle expects; the message says which and how."""


def make_tokens(sessions: sessionmaker[Session]) -> dict[str, str]:
    """An officer per party (keyed by party id) and HKTE's manager, created straight in the store."""
    tokens = {}
    with session_scope(sessions) as session:
        for party in PARTIES:
            create_party(session=session, party=party, owns_mous=party is HKTE)
        session.flush()
        for party in PARTIES:
            _, tokens[party.id] = create_user(
                session=session, name=f"{party.name.en} officer", party_id=party.id, role=Role.OFFICER
            )
        _, tokens[MANAGER] = create_user(session=session, name="Programme manager", party_id=HKTE.id, role=Role.MANAGER)
    return tokens


@dataclass
class LoadClient:
    http: httpx.AsyncClient
    tokens: dict[str, str]
    in_flight: asyncio.Semaphore  # how many requests may be open at once, across all MoUs
    latencies: list[float] = field(default_factory=list)  # of successful writes: what an officer waits for
    failures: list[str] = field(default_factory=list)
    refusals: Counter[str] = field(default_factory=Counter)  # status code or exception name: how many

    async def call(
        self, method: str, path: str, party: str, body: object = None, expect: int = 200, manager: bool = False
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.tokens[MANAGER if manager else party]}"}
        if method != "GET":
            headers["Idempotency-Key"] = uuid.uuid4().hex
        async with self.in_flight:
            started = time.perf_counter()
            try:
                response = await self.http.request(method, path, json=body, headers=headers)
            except httpx.HTTPError as error:
                raise self._failed(type(error).__name__, f"{method} {path} as {party}: {error!r}") from error
        if response.status_code != expect:
            what = f"{method} {path} as {party}: {response.status_code} {response.text[:300]}"
            raise self._failed(str(response.status_code), what)
        if method != "GET":
            self.latencies.append(time.perf_counter() - started)
        answer: dict[str, Any] = response.json()
        return answer

    def _failed(self, kind: str, what: str) -> StepFailed:
        self.failures.append(what)
        self.refusals[kind] += 1
        return StepFailed(what)
