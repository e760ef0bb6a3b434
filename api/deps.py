"""The dependencies every route declares: a database session, the Temporal client, the current user."""

import uuid
from collections.abc import AsyncIterator
from functools import partial
from typing import Annotated

import anyio.to_thread
from anyio import CancelScope, CapacityLimiter
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from temporalio.client import Client

from api.sign_in_limits import sign_in_attempt
from api.tokens import lookups_in_flight, recent_tokens
from mouflow.config import Settings
from mouflow.documents.renderer import DocumentRenderer
from mouflow.documents.storage import DocumentStorage
from mouflow.errors import UnauthorizedError
from mouflow.sealed_secrets import Sealer
from mouflow.store.access_tables import UserRow
from mouflow.store.db import end_transaction, transaction

bearer = HTTPBearer(auto_error=False, description="A token printed once by `python -m ops.cli create-user`")


async def get_session(request: Request) -> AsyncIterator[Session]:
    """The request's one transaction: committed once the route has its answer, before the answer goes out
    (the dependency's scope is "function"), rolled back when the route raised. MoU writes go through
    workflows; the session holds the few direct writes, and the reads.

    Async, so that opening the session (no I/O until its first query) costs no trip to a worker thread;
    ending it talks to the database, so that goes to a thread. A route that waits on Temporal for long hands
    its connection back first (api/workflows.py `release_connection`); the session then checks a new one out
    for its next query, and this ends whatever transaction is open by then.
    """
    session: Session = request.app.state.sessions()
    try:
        yield session
    except BaseException:
        await _end(session, commit=False)
        raise
    await _end(session, commit=True)


async def _end(session: Session, *, commit: bool) -> None:
    if not session.in_transaction():
        session.close()  # nothing to commit or roll back, so no I/O: no trip to a thread (most reads, every write)
        return
    # outside the shared thread limit, as FastAPI runs a sync dependency's exit: otherwise every worker
    # thread could be waiting for a pooled connection that only this end would hand back
    with CancelScope(shield=True):
        await anyio.to_thread.run_sync(partial(end_transaction, session, commit=commit), limiter=CapacityLimiter(1))


def get_client(request: Request) -> Client:
    client: Client = request.app.state.temporal
    return client


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_storage(request: Request) -> DocumentStorage:
    storage: DocumentStorage = request.app.state.storage
    return storage


def get_sealer(request: Request) -> Sealer:
    sealer: Sealer = request.app.state.sealer
    return sealer


def get_renderer(request: Request) -> DocumentRenderer:
    renderer: DocumentRenderer = request.app.state.renderer
    return renderer


def public_base(request: Request) -> str:
    """Where clients reach the API. Behind a proxy the request's own host may be an internal name, or one a
    client chose: a configured public address wins."""
    settings: Settings = request.app.state.settings
    return (settings.public_url or str(request.base_url)).rstrip("/")


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
TemporalDep = Annotated[Client, Depends(get_client)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
StorageDep = Annotated[DocumentStorage, Depends(get_storage)]
RendererDep = Annotated[DocumentRenderer, Depends(get_renderer)]
SealerDep = Annotated[Sealer, Depends(get_sealer)]
PublicBase = Annotated[str, Depends(public_base)]


async def current_user(
    request: Request,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> UserRow:
    """Async, so that a token seen in the last seconds (api/tokens.py) costs no trip to a worker thread. An
    address that sent too many tokens that are not valid waits (api/sign_in_limits.py)."""
    if credentials is None:
        raise UnauthorizedError("send 'Authorization: Bearer <token>'")
    token = credentials.credentials
    user = await _remembered(token)
    if user is not None:
        return user
    with lookups_in_flight.leading(token), sign_in_attempt(client_address(request)) as attempt:
        user = await run_in_threadpool(_look_up, session, token)
        attempt.failed = user is None
    if user is None:
        raise UnauthorizedError("the token is not valid")
    return user


async def _remembered(token: str) -> UserRow | None:
    """The token's user from memory, after the lookup another request is making for it if there is one. A
    lookup that found nothing, or failed, leaves this request to look up for itself."""
    user = recent_tokens.remembered(token)
    while user is None and await lookups_in_flight.waited_for(token):
        user = recent_tokens.remembered(token)
    return user


def client_address(request: Request) -> str:
    """The address the connection came from: behind a proxy, the proxy's, unless the server is told to trust
    its forwarded header (uvicorn --forwarded-allow-ips)."""
    return request.client.host if request.client else "unknown"


def _look_up(session: Session, token: str) -> UserRow | None:
    # the connection goes back to the pool before the route waits for a worker thread: held across that wait,
    # every pooled connection could end up with a request waiting for a thread held by a request waiting for
    # a connection. Ending the transaction lets the user go with its columns loaded, so that reading `user.id`
    # in an async dependency queries nothing on the event loop.
    with transaction(session):
        return recent_tokens.look_up(session=session, token=token)


def request_id(request: Request) -> str:
    """The client's Idempotency-Key, else its X-Request-Id, else a new one: the audit log's request id."""
    supplied = request.headers.get("idempotency-key") or request.headers.get("x-request-id", "")
    return supplied[:100] if supplied.isprintable() and supplied else uuid.uuid4().hex


CurrentUser = Annotated[UserRow, Depends(current_user)]
RequestId = Annotated[str, Depends(request_id)]
