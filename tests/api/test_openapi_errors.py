"""The OpenAPI document declares the error envelope the API answers with, for each status a route can answer,
and no longer FastAPI's HTTPValidationError, which it never sends."""

import httpx

from mouflow.domain.enums import Role
from tests.api.conftest import Users

ERROR = {"$ref": "#/components/schemas/Error"}


async def test_every_operation_declares_the_envelope_for_its_refusals(api: httpx.AsyncClient) -> None:
    schema = (await api.get("/openapi.json")).json()
    assert "HTTPValidationError" not in str(schema) and "Error" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert responses["503"]["content"]["application/json"]["schema"] == ERROR, (method, path)
            if operation.get("security"):
                assert {"401", "403", "404", "429"} <= set(responses), (method, path)
            if method in {"post", "put"}:
                assert {"400", "413", "415", "422"} <= set(responses), (method, path)


async def test_a_refusal_is_shaped_as_declared(api: httpx.AsyncClient, users: Users) -> None:
    declared = (await api.get("/openapi.json")).json()["components"]["schemas"]["Error"]
    refused = await api.post("/mous", json={"mou_id": "x"}, headers=users.headers("hkte", Role.OFFICER))
    assert refused.status_code == 422
    body = refused.json()
    assert set(declared["required"]) <= set(body) <= set(declared["properties"])
    assert all(isinstance(value, str) for value in body.values())
