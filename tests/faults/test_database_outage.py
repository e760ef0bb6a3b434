"""PostgreSQL out of reach for a while, behind a proxy the test cuts: the API says 503, the worker keeps
retrying with backoff, and once the database is back the run completes with nothing lost."""

import asyncio
import os
from pathlib import Path

import pytest
from sqlalchemy import make_url
from temporalio.client import WorkflowUpdateStage

from mouflow.domain.actions import Revise
from mouflow.domain.enums import Role
from mouflow.store.users import get_user_by_token, to_actor
from tests.faults.case import PATH, Step
from tests.faults.checks import check_documents, check_projection, check_transitions, storage_of
from tests.faults.conftest import FaultDb, Rig, postgres_schema, rig
from tests.faults.pending import STORE, wait_for, wait_until_idle
from tests.faults.proxy import CuttableProxy, proxy_to
from workflows.mou import STORE_RETRY, MouWorkflow

DATABASE_URL = os.environ.get("DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"),
    reason="needs PostgreSQL behind a proxy (set DATABASE_URL=postgresql://...): a SQLite file cannot be unreachable",
)
RETRIES_SEEN = 3  # attempts of the store write while the database is away
SETTLE = 0.5  # seconds


def through(proxy: CuttableProxy, url: str) -> str:
    return make_url(url).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)


async def test_database_unreachable_for_a_while(tmp_path: Path) -> None:
    target = make_url(DATABASE_URL)
    with postgres_schema(DATABASE_URL) as url, proxy_to(target.host or "127.0.0.1", target.port or 5432) as proxy:
        async with rig(tmp_path / "stack", FaultDb(url, "postgresql"), stack_url=through(proxy, url)) as faulty:
            case = faulty.case
            await case.run_until("qianhai asks for changes")
            # the API closes a request's session after its answer went out; a cut before that crashes the
            # request in uvicorn (a bug in api/deps.py, reported): let the last one finish first
            await asyncio.sleep(SETTLE)
            proxy.cut()
            await refused_while_cut(faulty)

            # Temporal is still there: the next step reaches the workflow, whose store write must wait
            redraft = case.steps[case.done]
            accepted = WorkflowUpdateStage.ACCEPTED
            update = await faulty.mou.start_update(MouWorkflow.revise, revise(faulty, redraft), wait_for_stage=accepted)
            retrying = await wait_for(faulty.mou, STORE, lambda a: a.attempt >= RETRIES_SEEN, "retrying")
            assert "OperationalError" in str(retrying.last_failure), retrying.last_failure  # the store, unreachable
            assert retrying.current_retry_interval.ToTimedelta() > STORE_RETRY.initial_interval, "no backoff"
            proxy.restore()
            assert (await update.result()).current_version == 2
            case.done += 1  # that step went around the API

            await case.run_until(case.steps[-1].name)
            await wait_until_idle(faulty.mou)
            state = await faulty.status()
            check_transitions(faulty.sessions, state, case.request_ids)
            check_projection(faulty.sessions, state)
            await check_documents(faulty.sessions, storage_of(faulty.stack.root))


async def refused_while_cut(faulty: Rig) -> None:
    """Writes and reads alike answer 503 and say why, rather than failing with a 500."""
    case = faulty.case
    write = await case.send(case.steps[case.done])
    read = await case.api.get(PATH, headers=case.users.headers("qianhai", Role.VIEWER))
    for response in (write, read):
        assert response.status_code == 503, f"{response.request.method} {response.request.url}: {response.text}"
        assert "database cannot be reached" in response.json()["detail"], response.text


def revise(faulty: Rig, step: Step) -> Revise:
    """The step's request as the API would send it to the workflow, for the HKTE officer."""
    with faulty.sessions() as session:
        user = get_user_by_token(session=session, token=faulty.case.users.token(step.party, Role.OFFICER))
        assert user is not None
        return Revise.model_validate({**step.body, "actor": to_actor(user), "request_id": step.request_id})
