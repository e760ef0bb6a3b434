"""The dependencies every route declares: a database session, the Temporal client, the current user."""

import uuid
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session
from temporalio.client import Client

from api.errors import ApiError
from mouflow.config import Settings
from mouflow.store.access_tables import UserRow
from mouflow.store.users import get_user_by_token

bearer = HTTPBearer(auto_error=False, description="A token printed once by `python -m mouflow.cli create-user`")


class UnauthorizedError(ApiError):
    status, code = 401, "unauthorized"


def get_session(request: Request) -> Iterator[Session]:
    """Reads, and the few direct writes, which commit themselves; MoU writes go through workflows."""
    session: Session = request.app.state.sessions()
    try:
        yield session
    finally:
        session.close()


def get_client(request: Request) -> Client:
    client: Client = request.app.state.temporal
    return client


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SessionDep = Annotated[Session, Depends(get_session)]
TemporalDep = Annotated[Client, Depends(get_client)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def current_user(
    session: SessionDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> UserRow:
    if credentials is None:
        raise UnauthorizedError("send 'Authorization: Bearer <token>'")
    user = get_user_by_token(session=session, token=credentials.credentials)
    if user is None:
        raise UnauthorizedError("the token is not valid")
    return user


def request_id(request: Request) -> str:
    """The client's Idempotency-Key, else its X-Request-Id, else a new one: the audit log's request id."""
    supplied = request.headers.get("idempotency-key") or request.headers.get("x-request-id", "")
    return supplied[:100] if supplied.isprintable() and supplied else uuid.uuid4().hex


CurrentUser = Annotated[UserRow, Depends(current_user)]
RequestId = Annotated[str, Depends(request_id)]
