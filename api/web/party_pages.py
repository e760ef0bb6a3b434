"""My party: the calendar feed to subscribe to, and the party's webhooks with their deliveries.

The forms call the services the API's routes call (api/services), so they are allowed, audited and
refused exactly as the API is. A new feed URL or webhook secret is shown once, on the page that answers
the form: never in a redirect's URL, and `page()` already says `Cache-Control: no-store`.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from api.deps import PublicBase, RequestId, SealerDep, SessionDep, SettingsDep
from api.problems import refusal
from api.services.calendars import issue_party_feed
from api.services.webhooks import (
    WebhookCreate,
    WebhookCreated,
    add_webhook,
    is_officer_or_manager_of,
    list_webhooks_with_deliveries,
    remove_webhook,
    rotate_webhook_secret,
)
from api.web.auth import WEB_PATH, CheckedForm, WebUser
from api.web.forms import as_body
from api.web.i18n import language_of
from api.web.refusals import refusal_in
from api.web.render import page
from mouflow.notify.events import NotificationType
from mouflow.store.parties import get_party
from mouflow.store.web_sessions import SignedIn
from mouflow.translations import Translator

router = APIRouter(prefix=f"{WEB_PATH}/party", include_in_schema=False)
DELIVERIES_SHOWN = 10


@router.get("")
def party_page(request: Request, who: WebUser, session: SessionDep, done: str | None = None) -> Response:
    return party_response(request, session, who, notice="Removed." if done == "removed" else None)


@router.post("/calendar")
def issue_calendar(
    request: Request, who: WebUser, session: SessionDep, _: CheckedForm, rid: RequestId, base: PublicBase
) -> Response:
    user = who.user
    link = issue_party_feed(session=session, user=user, party_id=user.party_id, request_id=rid, public_base=base)
    return party_response(request, session, who, feed=link)


@router.post("/webhooks")
def add(
    request: Request,
    who: WebUser,
    session: SessionDep,
    form: CheckedForm,
    rid: RequestId,
    settings: SettingsDep,
    sealer: SealerDep,
) -> Response:
    url = form.get("url")
    fields = {"url": url.strip() if isinstance(url, str) else "", "events": form.getlist("events")}
    created: WebhookCreated | None = None
    with refusal(session) as refused:
        body = as_body(WebhookCreate, fields)
        created = add_webhook(
            session=session,
            sealer=sealer,
            user=who.user,
            party_id=who.user.party_id,
            body=body,
            request_id=rid,
            allow_private=settings.webhook_allow_private_networks,
        )
    if refused.problem is not None:
        words = refusal_in(refused.problem, Translator(language_of(request)))
        return party_response(request, session, who, refused.problem.status, entered=fields, error=words)
    return party_response(request, session, who, created=created)


@router.post("/webhooks/{webhook_id}/remove")
def remove(
    webhook_id: Annotated[str, Path(max_length=100)], who: WebUser, session: SessionDep, _: CheckedForm, rid: RequestId
) -> Response:
    party_id = who.user.party_id
    remove_webhook(session=session, user=who.user, party_id=party_id, webhook_id=webhook_id, request_id=rid)
    return RedirectResponse(f"{WEB_PATH}/party?done=removed", status_code=303)  # a reload does not post again


@router.post("/webhooks/{webhook_id}/secret")
def rotate(
    request: Request,
    webhook_id: Annotated[str, Path(max_length=100)],
    who: WebUser,
    session: SessionDep,
    _: CheckedForm,
    rid: RequestId,
    sealer: SealerDep,
) -> Response:
    """Answered with the page itself, as adding one is: the new secret is shown this once."""
    party_id = who.user.party_id
    rotated = rotate_webhook_secret(
        sealer=sealer, session=session, user=who.user, party_id=party_id, webhook_id=webhook_id, request_id=rid
    )
    return party_response(request, session, who, rotated=rotated)


def party_response(
    request: Request,
    session: Session,
    who: SignedIn,
    status_code: int = 200,
    entered: dict[str, Any] | None = None,
    **shown: Any,
) -> Response:
    """The page; `shown` is what answers a form: a notice, an error, a new feed link or a new webhook."""
    user = who.user
    manages = is_officer_or_manager_of(user=user, party_id=user.party_id)
    webhooks = list_webhooks_with_deliveries(session=session, user=user, limit=DELIVERIES_SHOWN) if manages else []
    context = {
        "who": who,
        "party": get_party(session=session, party_id=user.party_id),
        "manages": manages,
        "webhooks": webhooks,
        "event_types": list(NotificationType),
        "entered": entered or {"url": "", "events": []},
        **{"notice": None, "error": None, "feed": None, "created": None, "rotated": None, **shown},
    }
    return page(request, "party.html", context, status_code)
