"""The OpenAPI document declares the one error envelope every refusal is answered with (api/problems.py),
`{"error": code, "detail": words, "field": the input at fault where there is one}`, for each status a route
can answer, instead of FastAPI's `HTTPValidationError`, which the API never sends."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.openapi_text import with_plain_text_bodies

ERROR = {
    "type": "object",
    "title": "Error",
    "required": ["error", "detail"],
    "properties": {
        "error": {"type": "string", "description": "a stable code: invalid_input, not_found, wrong_stage, ..."},
        "detail": {"type": "string", "description": "what is wrong, in English"},
        "field": {"type": "string", "description": "the input at fault, where there is one"},
    },
}
EVERY_ROUTE = {503: "Temporal or the database cannot serve it now"}
WITH_INPUT = {400: "the body cannot be read", 422: "the input is not valid; `field` names it"}
WITH_BODY = {413: "the body is larger than 1024 KB", 415: "the body is compressed"}
SIGNED_IN = {
    401: "no token, or one that is not valid",
    403: "this user's role or party may not do it",
    404: "no such thing, or not one this user may see",
    409: "it clashes with the MoU's stage, version or what was done already",
    429: "too many failed sign-ins from this address: see Retry-After",
}


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            generated = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            app.openapi_schema = with_plain_text_bodies(with_error_envelope(generated))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to shape the schema


def with_error_envelope(schema: dict[str, Any]) -> dict[str, Any]:
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas["Error"] = ERROR
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            _declare(method, operation)
    return schema


def _declare(method: str, operation: dict[str, Any]) -> None:
    statuses = dict(EVERY_ROUTE)
    if operation.get("parameters") or "requestBody" in operation:
        statuses |= WITH_INPUT
    if "requestBody" in operation or method in {"post", "put", "patch"}:
        statuses |= WITH_BODY | WITH_INPUT
    if operation.get("security"):
        statuses |= SIGNED_IN
    if any(parameter.get("in") == "path" for parameter in operation.get("parameters", [])):
        statuses |= {404: SIGNED_IN[404]}  # a feed's token, an id: one that names nothing
    responses = operation.setdefault("responses", {})
    for status, why in sorted(statuses.items()):
        responses[str(status)] = {
            "description": why,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
