"""Every refusal becomes one HTTP answer, here and nowhere else; routes never build error responses.

    ApiError                    raised by routes and access checks
    ├── NotFoundError      404  unknown, or not visible to this user (the same answer for both)
    ├── ForbiddenError     403  the user's role does not allow it
    ├── ConflictError      409
    ├── UnprocessableError 422  well-formed, but names something that does not exist
    └── UnavailableError   503  Temporal or the database cannot be reached right now

Domain rule violations (mouflow.domain.errors) and refused workflow Updates map by their code.
"""

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from mouflow.domain.errors import RuleViolation

log = logging.getLogger(__name__)

STATUS_BY_RULE = {
    "forbidden": 403,
    "not_found": 404,
    "wrong_stage": 409,
    "stale_version": 409,
    "already_done": 409,
    "invalid_input": 422,
}


class ApiError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(ApiError):
    status, code = 404, "not_found"


class UnprocessableError(ApiError):
    status, code = 422, "invalid_input"


class ConflictError(ApiError):
    status, code = 409, "conflict"


class ForbiddenError(ApiError):
    status, code = 403, "forbidden"


class UnavailableError(ApiError):
    status, code = 503, "unavailable"


def problem(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": code, "detail": message})


def from_update_failure(error: WorkflowUpdateFailedError) -> JSONResponse:
    cause = error.cause
    if isinstance(cause, ApplicationError) and cause.type in STATUS_BY_RULE:
        return problem(STATUS_BY_RULE[cause.type], cause.type, cause.message)
    log.error("update failed without a rule: %r", cause)
    return problem(409, "rejected", str(cause or error))


def from_rpc_error(error: RPCError) -> JSONResponse:
    if error.status == RPCStatusCode.NOT_FOUND:
        return problem(409, "closed", "the MoU's workflow has ended: it is withdrawn, terminated or expired")
    if error.status in (RPCStatusCode.UNAVAILABLE, RPCStatusCode.DEADLINE_EXCEEDED):
        return problem(503, "unavailable", "the workflow service cannot be reached; try again shortly")
    log.error("temporal rpc error: %s %s", error.status, error.message)
    return problem(502, "workflow_error", error.message)


def describe_errors(errors: Sequence[Any]) -> str:
    """One line a person can act on: `body.content.title.zh: Field required; ...`."""
    return "; ".join(f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in errors)


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_: Request, error: ApiError) -> JSONResponse:
        return problem(error.status, error.code, error.message)

    @app.exception_handler(RuleViolation)
    async def _rule(_: Request, error: RuleViolation) -> JSONResponse:
        return problem(STATUS_BY_RULE.get(error.code, 422), error.code, error.message)

    @app.exception_handler(WorkflowUpdateFailedError)
    async def _update(_: Request, error: WorkflowUpdateFailedError) -> JSONResponse:
        return from_update_failure(error)

    @app.exception_handler(RPCError)
    async def _rpc(_: Request, error: RPCError) -> JSONResponse:
        return from_rpc_error(error)

    @app.exception_handler(RequestValidationError)
    async def _request(_: Request, error: RequestValidationError) -> JSONResponse:
        return problem(422, "invalid_input", describe_errors(error.errors()))

    @app.exception_handler(ValidationError)
    async def _invalid(_: Request, error: ValidationError) -> JSONResponse:
        # input that passed the request schema but not a domain model built from it (e.g. a path id)
        return problem(422, "invalid_input", describe_errors(error.errors()))

    @app.exception_handler(OperationalError)
    async def _database(_: Request, error: OperationalError) -> JSONResponse:
        log.warning("database unavailable: %s", error)
        return problem(503, "unavailable", "the database cannot be reached; try again shortly")

    @app.exception_handler(PoolTimeoutError)
    async def _pool(_: Request, error: PoolTimeoutError) -> JSONResponse:
        log.warning("no database connection free: %s", error)
        return problem(503, "unavailable", "the database is busy: no connection came free in time; try again shortly")
