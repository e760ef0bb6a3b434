"""Every refusal becomes one HTTP answer, here and nowhere else; routes never build error responses.

    ApiError                    raised by routes and access checks
    ├── NotFoundError      404  unknown, or not visible to this user (the same answer for both)
    ├── ForbiddenError     403  the user's role does not allow it
    ├── ConflictError      409
    ├── UnprocessableError 422  well-formed, but names something that does not exist
    └── UnavailableError   503  Temporal or the database cannot be reached right now

Domain rule violations (mouflow.domain.errors) and refused workflow Updates map by their code.
"""

import dataclasses
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
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


@dataclass(frozen=True)
class Problem:
    """A refusal as both the API's JSON and the web pages show it: the same words in either."""

    status: int
    code: str
    message: str
    field: str | None = None  # the input at fault, where there is one
    template: str | None = None  # a rule's English words with {placeholders}, for a page to translate
    values: dict[str, object] = dataclasses.field(default_factory=dict)


def problem(status: int, code: str, message: str, at: str | None = None) -> JSONResponse:
    content = {"error": code, "detail": message} | ({"field": at} if at else {})
    return JSONResponse(status_code=status, content=content)


def of_violation(status: int, violation: RuleViolation) -> Problem:
    return Problem(
        status, violation.code, violation.message, violation.field, violation.template, dict(violation.values)
    )


def _rule_details(cause: ApplicationError) -> dict[str, Any]:
    """The template, values and field a refused Update carries (mouflow.domain.errors.RuleViolation.details)."""
    details = cause.details[0] if cause.details else None
    return details if isinstance(details, dict) else {}


def from_update_failure(error: WorkflowUpdateFailedError) -> Problem:
    cause = error.cause
    if isinstance(cause, ApplicationError) and cause.type in STATUS_BY_RULE:
        details = _rule_details(cause)
        values = details.get("values")
        return Problem(
            STATUS_BY_RULE[cause.type],
            cause.type,
            cause.message,
            details.get("field"),
            details.get("template"),
            values if isinstance(values, dict) else {},
        )
    log.error("update failed without a rule: %r", cause)
    return Problem(409, "rejected", str(cause or error))


def from_rpc_error(error: RPCError) -> Problem:
    if error.status == RPCStatusCode.NOT_FOUND:
        return Problem(409, "closed", "the MoU's workflow has ended: it is withdrawn, terminated or expired")
    if error.status in (RPCStatusCode.UNAVAILABLE, RPCStatusCode.DEADLINE_EXCEEDED):
        return Problem(503, "unavailable", "the workflow service cannot be reached; try again shortly")
    log.error("temporal rpc error: %s %s", error.status, error.message)
    return Problem(502, "workflow_error", error.message)


def describe_errors(errors: Sequence[Any]) -> str:
    """One line a person can act on: `body.content.title.zh: Field required; ...`."""
    return "; ".join(f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in errors)


def field_of(errors: Sequence[Any]) -> str | None:
    """The first input at fault, as the body names it: `content.effective_date`."""
    if not errors:
        return None
    parts = [str(part) for part in errors[0].get("loc", ()) if part not in ("body", "query", "path")]
    return ".".join(parts) or None


def problem_of(error: Exception) -> Problem | None:
    """The answer to a refusal the API knows; None for anything else, which is a bug and stays a 500."""
    if isinstance(error, ApiError):
        return Problem(error.status, error.code, error.message)
    if isinstance(error, RuleViolation):
        return of_violation(STATUS_BY_RULE.get(error.code, 422), error)
    if isinstance(error, WorkflowUpdateFailedError):
        return from_update_failure(error)
    if isinstance(error, RPCError):
        return from_rpc_error(error)
    if isinstance(error, RequestValidationError | ValidationError):
        # a ValidationError: input that passed the request schema but not a domain model built from it
        errors = error.errors()
        return Problem(422, "invalid_input", describe_errors(errors), field_of(errors))
    if isinstance(error, OperationalError):
        log.warning("database unavailable: %s", error)
        return Problem(503, "unavailable", "the database cannot be reached; try again shortly")
    if isinstance(error, PoolTimeoutError):
        log.warning("no database connection free: %s", error)
        return Problem(503, "unavailable", "the database is busy: no connection came free in time; try again shortly")
    return None


HANDLED = (
    ApiError,
    RuleViolation,
    WorkflowUpdateFailedError,
    RPCError,
    RequestValidationError,
    ValidationError,
    OperationalError,
    PoolTimeoutError,
)
PageRenderer = Callable[[Request, Problem], Awaitable[Response]]


def install(app: FastAPI, page: PageRenderer | None = None) -> None:
    """JSON for the API; `page` renders the same refusal as HTML for the web pages under /web/."""

    async def _answer(request: Request, error: Exception) -> Response:
        found = problem_of(error)
        if found is None:
            raise error
        if page is not None and request.url.path.startswith("/web/"):
            return await page(request, found)
        return problem(found.status, found.code, found.message, found.field)

    for error_type in HANDLED:
        app.add_exception_handler(error_type, _answer)
