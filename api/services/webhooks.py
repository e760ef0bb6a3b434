"""Each party's webhooks: register, list, remove, and read every delivery attempt.

Only an officer or a manager of the party itself manages its webhooks. Another party's webhooks
answer "not found", like ones that do not exist.
"""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.orm import Session

from api.access import has_role, require_role
from api.schemas import Body
from mouflow.domain.enums import Role
from mouflow.errors import ConflictError, InvalidInput, NotFoundError
from mouflow.notify.destinations import RefusedDestination, check_callable, check_registration
from mouflow.notify.events import NotificationType
from mouflow.sealed_secrets import Sealer
from mouflow.store.access_tables import UserRow
from mouflow.store.audit import append_action
from mouflow.store.notify_tables import DeliveryAttemptRow, DeliveryRow, NotificationRow, WebhookRow
from mouflow.store.users import to_actor
from mouflow.store.webhooks import (
    create_webhook,
    deactivate_webhook,
    get_webhook,
    list_webhooks,
    recent_deliveries,
    rotate_secret,
)

MAX_WEBHOOKS = 20
MANAGING_ROLES = (Role.OFFICER, Role.MANAGER)


class WebhookCreate(Body):
    url: Annotated[str, Field(min_length=1, max_length=2000, examples=["https://hooks.example.org/mouflow"])]
    events: Annotated[list[NotificationType], Field(max_length=len(NotificationType))] = []  # empty: every type

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str) -> str:
        if not url.isprintable() or " " in url:
            raise ValueError("must be an http:// or https:// URL with a host name, without spaces")
        try:
            check_callable(url)  # where it points is add_webhook's to judge, with the settings, and each delivery's
        except RefusedDestination as refused:
            raise ValueError(f"must be an http:// or https:// URL that can be called: {refused}") from None
        return url


class WebhookOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    party_id: str
    url: str
    events: list[str]
    active: bool
    created_at: datetime
    created_by: str


class WebhookCreated(WebhookOut):
    secret: str = Field(description="signs every delivery (Mouflow-Signature); shown this once, keep it now")


class AttemptOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    attempt: int
    at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int


class DeliveryOut(BaseModel):
    id: str
    notification_id: str
    type: str
    mou_id: str
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    attempt_log: list[AttemptOut]


def require_officer_or_manager_of(*, user: UserRow, party_id: str) -> None:
    if user.party_id != party_id:  # not "forbidden": that would confirm another party's id and webhooks
        raise NotFoundError(f"there are no webhooks of party {party_id!r} for you")
    require_role(user, *MANAGING_ROLES)


def is_officer_or_manager_of(*, user: UserRow, party_id: str) -> bool:
    """The same rule, asked: a viewer sees the party page without its forms."""
    return user.party_id == party_id and has_role(user, *MANAGING_ROLES)


def list_party_webhooks(*, session: Session, user: UserRow, party_id: str) -> list[WebhookOut]:
    """The active webhooks, without their secrets."""
    require_officer_or_manager_of(user=user, party_id=party_id)
    return [WebhookOut.model_validate(row) for row in list_webhooks(session=session, party_id=party_id)]


def add_webhook(
    *,
    session: Session,
    sealer: Sealer,
    user: UserRow,
    party_id: str,
    body: WebhookCreate,
    request_id: str,
    allow_private: bool,
) -> WebhookCreated:
    """A URL into our own network is refused here already, as each delivery refuses it: an address in any
    of its spellings, or a name resolving to one (mouflow.notify.destinations)."""
    require_officer_or_manager_of(user=user, party_id=party_id)
    try:
        check_registration(body.url, allow_private=allow_private)
    except RefusedDestination as refused:
        raise InvalidInput("the webhook URL is refused: {reason}", field="url", reason=str(refused)) from None
    if len(list_webhooks(session=session, party_id=party_id)) >= MAX_WEBHOOKS:
        # each notification plans a delivery per webhook in one workflow: the cap keeps its history small
        raise ConflictError(f"{party_id!r} has {MAX_WEBHOOKS} webhooks, the most a party may have; remove one first")
    events = [kind.value for kind in body.events]
    row, secret = create_webhook(
        session=session, sealer=sealer, party_id=party_id, url=body.url, events=events, created_by=user.id
    )
    detail = f"webhook {row.id} of {party_id}: {row.url} ({', '.join(row.events) or 'every event'})"
    append_action(session=session, actor=to_actor(user), what="webhook_created", detail=detail, request_id=request_id)
    return WebhookCreated(**WebhookOut.model_validate(row).model_dump(), secret=secret)


class SecretRotated(BaseModel):
    id: str
    secret: str = Field(description="signs every delivery from now on; shown this once, keep it now")


def rotate_webhook_secret(
    *, session: Session, sealer: Sealer, user: UserRow, party_id: str, webhook_id: str, request_id: str
) -> SecretRotated:
    """A secret that may have leaked is replaced: the next delivery, and every retry after, is signed with the
    new one. Audited, without either secret."""
    require_officer_or_manager_of(user=user, party_id=party_id)
    row = _webhook(session, party_id, webhook_id)
    if not row.active:
        raise ConflictError(f"webhook {webhook_id!r} was removed; add a new one instead")
    secret = rotate_secret(session=session, sealer=sealer, row=row)
    detail = f"webhook {row.id} of {party_id}: signing secret replaced"
    append_action(
        session=session, actor=to_actor(user), what="webhook_secret_rotated", detail=detail, request_id=request_id
    )
    return SecretRotated(id=row.id, secret=secret)


def remove_webhook(*, session: Session, user: UserRow, party_id: str, webhook_id: str, request_id: str) -> None:
    """Deactivates it: nothing more is sent to it, and its deliveries stay readable. Removing one already
    removed changes nothing and writes no second audit entry."""
    require_officer_or_manager_of(user=user, party_id=party_id)
    row = _webhook(session, party_id, webhook_id)
    if row.active:
        deactivate_webhook(session=session, row=row)
        detail = f"webhook {row.id} of {party_id}: {row.url}"
        actor = to_actor(user)
        append_action(session=session, actor=actor, what="webhook_removed", detail=detail, request_id=request_id)


def list_deliveries(
    *, session: Session, user: UserRow, party_id: str, webhook_id: str, limit: int
) -> list[DeliveryOut]:
    """Newest first, each with every attempt: when, the receiver's status code or the error, how long."""
    require_officer_or_manager_of(user=user, party_id=party_id)
    return _deliveries(session, _webhook(session, party_id, webhook_id).id, limit)


def list_webhooks_with_deliveries(
    *, session: Session, user: UserRow, limit: int
) -> list[tuple[WebhookOut, list[DeliveryOut]]]:
    """The user's own party's webhooks, each with its latest deliveries: the party page."""
    require_officer_or_manager_of(user=user, party_id=user.party_id)
    rows = list_webhooks(session=session, party_id=user.party_id)
    return [(WebhookOut.model_validate(row), _deliveries(session, row.id, limit)) for row in rows]


def _webhook(session: Session, party_id: str, webhook_id: str) -> WebhookRow:
    row = get_webhook(session=session, party_id=party_id, webhook_id=webhook_id)
    if row is None:
        raise NotFoundError(f"party {party_id!r} has no webhook {webhook_id!r}")
    return row


def _deliveries(session: Session, webhook_id: str, limit: int) -> list[DeliveryOut]:
    found = recent_deliveries(session=session, webhook_id=webhook_id, limit=limit)
    return [_delivery(delivery, notification, attempts) for delivery, notification, attempts in found]


def _delivery(delivery: DeliveryRow, notification: NotificationRow, attempts: list[DeliveryAttemptRow]) -> DeliveryOut:
    return DeliveryOut(
        id=delivery.id,
        notification_id=notification.id,
        type=notification.type,
        mou_id=notification.mou_id,
        status=delivery.status,
        attempts=delivery.attempts,
        last_error=delivery.last_error,
        created_at=delivery.created_at,
        delivered_at=delivery.delivered_at,
        attempt_log=[AttemptOut.model_validate(attempt) for attempt in attempts],
    )
