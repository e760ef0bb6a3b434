"""When Temporal cannot be reached, or the MoU's workflow has ended, writes say so: 503 and 409, not 500."""

import httpx
from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.service import RetryConfig

from api.main import create_app
from mouflow.config import Settings
from mouflow.domain.enums import Role
from tests.api.conftest import Users
from tests.api.test_access_matrix import MOU, prepare
from tests.servers import start_dev_server


async def test_a_closed_mou_refuses_writes_with_409(api: httpx.AsyncClient, users: Users) -> None:
    await prepare(api, users)
    officer = users.headers("hkte", Role.OFFICER)
    assert (await api.post(f"{MOU}/withdrawal", json={"reason": "Scope merged"}, headers=officer)).status_code == 200
    refused = await api.post(f"{MOU}/submit", json={"version": 1}, headers=officer)
    assert refused.status_code == 409 and "withdrawn" in refused.json()["detail"], refused.text
    assert (await api.get(MOU, headers=officer)).json()["stage"] == "withdrawn"


async def test_temporal_unreachable_is_503(
    api: httpx.AsyncClient, users: Users, sessions: sessionmaker[Session]
) -> None:
    await prepare(api, users)
    server = await start_dev_server()
    # the API's client retries a refused call for about ten seconds by default; this one gives up sooner
    client = await Client.connect(
        server.client.service_client.config.target_host,
        data_converter=pydantic_data_converter,
        retry_config=RetryConfig(max_retries=1),
    )
    app = create_app(Settings(task_queue="unused"), sessions=sessions, temporal=client)
    await server.shutdown()  # the API keeps its client to a server that has gone away
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mouflow.test") as offline:
        response = await offline.post(f"{MOU}/submit", json={"version": 1}, headers=users.headers("hkte", Role.OFFICER))
    assert response.status_code == 503 and "try again" in response.json()["detail"], response.text
