"""Each party's webhooks over HTTP (api/services/webhooks.py): another party's answer 404, like ones that
do not exist."""

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.deps import CurrentUser, RequestId, SealerDep, SessionDep, SettingsDep
from api.services.webhooks import (
    DeliveryOut,
    SecretRotated,
    WebhookCreate,
    WebhookCreated,
    WebhookOut,
    add_webhook,
    list_deliveries,
    list_party_webhooks,
    remove_webhook,
    rotate_webhook_secret,
)

router = APIRouter(prefix="/parties/{party_id}/webhooks", tags=["webhooks"])
Limit = Annotated[int, Query(ge=1, le=200)]


@router.post("", status_code=status.HTTP_201_CREATED)
def create(
    party_id: str,
    body: WebhookCreate,
    user: CurrentUser,
    session: SessionDep,
    rid: RequestId,
    settings: SettingsDep,
    sealer: SealerDep,
) -> WebhookCreated:
    allow_private = settings.webhook_allow_private_networks
    return add_webhook(
        session=session,
        sealer=sealer,
        user=user,
        party_id=party_id,
        body=body,
        request_id=rid,
        allow_private=allow_private,
    )


@router.get("")
def list_all(party_id: str, user: CurrentUser, session: SessionDep) -> list[WebhookOut]:
    """The active webhooks, without their secrets."""
    return list_party_webhooks(session=session, user=user, party_id=party_id)


@router.post("/{webhook_id}/secret")
def rotate_secret(
    party_id: str, webhook_id: str, user: CurrentUser, session: SessionDep, rid: RequestId, sealer: SealerDep
) -> SecretRotated:
    """A new signing secret, answered this once; the old one stops at once, for retries of earlier deliveries too."""
    return rotate_webhook_secret(
        session=session, sealer=sealer, user=user, party_id=party_id, webhook_id=webhook_id, request_id=rid
    )


@router.delete("/{webhook_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove(party_id: str, webhook_id: str, user: CurrentUser, session: SessionDep, rid: RequestId) -> Response:
    """Deactivates it: nothing more is sent to it, and its deliveries stay readable."""
    remove_webhook(session=session, user=user, party_id=party_id, webhook_id=webhook_id, request_id=rid)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{webhook_id}/deliveries")
def deliveries(
    party_id: str, webhook_id: str, user: CurrentUser, session: SessionDep, limit: Limit = 50
) -> list[DeliveryOut]:
    """Newest first, each with every attempt: when, the receiver's status code or the error, how long."""
    return list_deliveries(session=session, user=user, party_id=party_id, webhook_id=webhook_id, limit=limit)
