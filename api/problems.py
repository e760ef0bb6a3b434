"""Every refusal becomes one HTTP answer, here and nowhere else: the JSON error body for the API, the same
status and words for the web pages. Routes, pages and services raise; they never build an error response.

What is answered, and how (the tree itself is drawn in mouflow/errors.py):

    MouflowError            by its branch: 401, 403, 404, 409, 422, 503 (400 for the root)
    refused Update          by the rule its code names; one that names no rule is a 409 `rejected`
    Temporal RPCError       the workflow has ended: 409 `closed`; unreachable: 503; else 502
    invalid request         422 `invalid_input`, naming the first field at fault
    database unreachable    503 `unavailable`, as is a pool with no connection free

Anything else is a bug and stays a 500.
"""

import dataclasses
import logging
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import singledispatch
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from mouflow.errors import (
    ConflictError,
    ForbiddenError,
    InvalidError,
    MouflowError,
    NotFoundError,
    RuleViolation,
    TooManyAttempts,
    UnauthorizedError,
    UnavailableError,
)

log = logging.getLogger(__name__)

STATUS_BY_BRANCH: dict[type[MouflowError], int] = {
    UnauthorizedError: 401,
    ForbiddenError: 403,
    NotFoundError: 404,
    ConflictError: 409,
    InvalidError: 422,
    UnavailableError: 503,
    TooManyAttempts: 429,
    MouflowError: 400,
}


def status_of(kind: type[MouflowError]) -> int:
    """The status of its nearest branch: a rule's class is a RuleViolation and a branch, and its MRO finds it."""
    return next(STATUS_BY_BRANCH[base] for base in kind.__mro__ if base in STATUS_BY_BRANCH)


# a refused Update arrives as the code of the rule it broke (workflows/mou.py `_rule`)
STATUS_BY_RULE = {rule.code: status_of(rule) for rule in RuleViolation.__subclasses__()}


@dataclass(frozen=True)
class Problem:
    """A refusal as both the API's JSON and the web pages show it: the same words in either."""

    status: int
    code: str
    message: str
    field: str | None = None  # the input at fault, where there is one
    template: str | None = None  # a rule's English words with {placeholders}, for a page to translate
    values: dict[str, object] = dataclasses.field(default_factory=dict)
    headers: dict[str, str] = dataclasses.field(default_factory=dict)  # Retry-After, where the answer has one


def json_body(problem: Problem) -> dict[str, str]:
    return {"error": problem.code, "detail": problem.message} | ({"field": problem.field} if problem.field else {})


@singledispatch
def problem_of(error: BaseException) -> Problem | None:
    """The answer to a refusal the API knows; None for anything else, which is a bug and stays a 500."""
    return None


@problem_of.register
def _refused(error: MouflowError) -> Problem:
    values: dict[str, object] = dict(error.values)
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, TooManyAttempts) else {}
    return Problem(status_of(type(error)), error.code, error.message, error.field, error.template, values, headers)


@problem_of.register
def _update_refused(error: WorkflowUpdateFailedError) -> Problem:
    cause = error.cause
    if not (isinstance(cause, ApplicationError) and cause.type in STATUS_BY_RULE):
        log.error("update failed without a rule: %r", cause)
        return Problem(409, "rejected", str(cause or error))
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


def _rule_details(cause: ApplicationError) -> dict[str, Any]:
    """The template, values and field a refused Update carries (mouflow.errors.RuleViolation.details)."""
    details = cause.details[0] if cause.details else None
    return details if isinstance(details, dict) else {}


@problem_of.register
def _temporal_unreachable(error: RPCError) -> Problem:
    if error.status == RPCStatusCode.NOT_FOUND:
        return Problem(409, "closed", "the MoU's workflow has ended: it is withdrawn, terminated or expired")
    if error.status in (RPCStatusCode.UNAVAILABLE, RPCStatusCode.DEADLINE_EXCEEDED):
        return Problem(503, "unavailable", "the workflow service cannot be reached; try again shortly")
    log.error("temporal rpc error: %s %s", error.status, error.message)
    return Problem(502, "workflow_error", error.message)


@problem_of.register
def _request_invalid(error: RequestValidationError) -> Problem:
    return _invalid(error.errors())


@problem_of.register
def _model_invalid(error: ValidationError) -> Problem:
    """Input that passed the request schema but not a domain model built from it."""
    return _invalid(error.errors())


def _invalid(errors: Sequence[Any]) -> Problem:
    return Problem(422, "invalid_input", describe_errors(errors), field_of(errors))


def describe_errors(errors: Sequence[Any]) -> str:
    """One line a person can act on: `body.content.title.zh: Field required; ...`."""
    return "; ".join(f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in errors)


def field_of(errors: Sequence[Any]) -> str | None:
    """The first input at fault, as the body names it: `content.effective_date`."""
    if not errors:
        return None
    parts = [str(part) for part in errors[0].get("loc", ()) if part not in ("body", "query", "path")]
    return ".".join(parts) or None


@problem_of.register
def _database_unreachable(error: OperationalError) -> Problem:
    log.warning("database unavailable: %s", error)
    return Problem(503, "unavailable", "the database cannot be reached; try again shortly")


@problem_of.register
def _pool_exhausted(error: PoolTimeoutError) -> Problem:
    log.warning("no database connection free: %s", error)
    return Problem(503, "unavailable", "the database is busy: no connection came free in time; try again shortly")


@dataclass
class Refusal:
    """What stopped a page's form, as the API would answer it; None while nothing has."""

    problem: Problem | None = None


@contextmanager
def refusal(session: Session) -> Iterator[Refusal]:
    """For a page that answers a refused form itself, with the form again and why: a refusal the API knows ends
    the block and is kept, as the API would answer it; anything else is a bug and goes on up.

    What the block wrote is rolled back, as a refused request's is (api/deps.py), and a database error's broken
    transaction with it, so the page can be drawn again from the same session. No connection is held when a
    Writer is refused, so this costs no database trip on the event loop (api/workflows.py).
    """
    caught = Refusal()
    try:
        yield caught
    except Exception as error:
        caught.problem = problem_of(error)
        if caught.problem is None:
            raise
        session.rollback()


PageRenderer = Callable[[Request, Problem], Awaitable[Response]]


def install(app: FastAPI, page: PageRenderer | None = None) -> None:
    """JSON for the API; `page` renders the same refusal as HTML for the web pages under /web/."""

    async def answer(request: Request, error: Exception) -> Response:
        found = problem_of(error)
        if found is None:
            raise error
        if page is not None and request.url.path.startswith("/web/"):
            return await page(request, found)
        return JSONResponse(status_code=found.status, content=json_body(found), headers=found.headers)

    for error_type in problem_of.registry:
        if error_type is not object:
            app.add_exception_handler(error_type, answer)


def routing_problem(error: StarletteHTTPException) -> Problem:
    """A path no route has, or a method the path does not take: refused in the same envelope as the rest."""
    headers = dict(error.headers or {})
    if error.detail != HTTPStatus(error.status_code).phrase:  # raised with words of its own: keep them
        return Problem(error.status_code, "http_error", str(error.detail), headers=headers)
    if error.status_code == 404:
        return Problem(404, "not_found", "there is no such path in this API; see /docs", headers=headers)
    if error.status_code == 405:
        allowed = headers.get("Allow", "")
        return Problem(405, "method_not_allowed", f"this path takes only {allowed}", headers=headers)
    return Problem(error.status_code, "http_error", str(error.detail), headers=headers)
