"""The dependencies every route declares: a database session, the Temporal client, the current user."""

import logging
import uuid
from collections.abc import AsyncIterator
from typing import Annotated

import anyio.to_thread
from anyio import CancelScope, CapacityLimiter
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from temporalio.client import Client

from api.errors import ApiError
from api.tokens import recent_tokens
from mouflow.config import Settings
from mouflow.store.access_tables import UserRow

log = logging.getLogger(__name__)
bearer = HTTPBearer(auto_error=False, description="A token printed once by `python -m ops.cli create-user`")


class UnauthorizedError(ApiError):
    status, code = 401, "unauthorized"


async def get_session(request: Request) -> AsyncIterator[Session]:
    """Reads, and the few direct writes, which commit themselves; MoU writes go through workflows.

    Async, so that opening the session (no I/O until its first query) costs no trip to a worker thread;
    closing may talk to the database as it hands the connection back, so that one goes to a thread.
    """
    session: Session = request.app.state.sessions()
    try:
        yield session
    finally:
        # outside the shared thread limit, as FastAPI runs a sync dependency's exit: otherwise every worker
        # thread could be waiting for a pooled connection that only this close would hand back
        with CancelScope(shield=True):
            await anyio.to_thread.run_sync(_close, session, limiter=CapacityLimiter(1))


def _close(session: Session) -> None:
    """The answer has gone out by now: a connection that died after the last query must not turn into
    an error, which would make the server drop the client's keep-alive connection as well."""
    try:
        session.close()
    except DBAPIError as error:
        log.warning("closing a database session failed: %s", error)


def get_client(request: Request) -> Client:
    client: Client = request.app.state.temporal
    return client


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SessionDep = Annotated[Session, Depends(get_session)]
TemporalDep = Annotated[Client, Depends(get_client)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


async def current_user(
    session: SessionDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> UserRow:
    """Async, so that a token seen in the last seconds (api/tokens.py) costs no trip to a worker thread."""
    if credentials is None:
        raise UnauthorizedError("send 'Authorization: Bearer <token>'")
    token = credentials.credentials
    user = recent_tokens.remembered(token) or await run_in_threadpool(_look_up, session, token)
    if user is None:
        raise UnauthorizedError("the token is not valid")
    return user


def _look_up(session: Session, token: str) -> UserRow | None:
    try:
        user = recent_tokens.look_up(session=session, token=token)
        if user is not None:
            # detached, it keeps its columns; in the session, the rollback below would expire them, and the
            # next read of `user.id` in an async dependency would query the database on the event loop
            session.expunge(user)
        return user
    finally:
        # the connection goes back to the pool before the route waits for a worker thread: held across that
        # wait, every pooled connection could end up with a request waiting for a thread held by a request
        # waiting for a connection
        session.rollback()


def request_id(request: Request) -> str:
    """The client's Idempotency-Key, else its X-Request-Id, else a new one: the audit log's request id."""
    supplied = request.headers.get("idempotency-key") or request.headers.get("x-request-id", "")
    return supplied[:100] if supplied.isprintable() and supplied else uuid.uuid4().hex


CurrentUser = Annotated[UserRow, Depends(current_user)]
RequestId = Annotated[str, Depends(request_id)]
