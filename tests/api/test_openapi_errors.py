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


async def test_a_path_or_method_no_route_has_is_refused_in_the_envelope(api: httpx.AsyncClient) -> None:
    missing = await api.get("/no-such-path")
    assert (missing.status_code, missing.json()["error"]) == (404, "not_found"), missing.text
    wrong = await api.delete("/mous")
    assert (wrong.status_code, wrong.json()["error"]) == (405, "method_not_allowed"), wrong.text
    assert "POST" in wrong.headers["Allow"] and "POST" in wrong.json()["detail"]
    page = await api.get("/web/no-such-page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
