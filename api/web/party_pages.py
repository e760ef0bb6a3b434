"""My party: the calendar feed to subscribe to, and the party's webhooks with their deliveries.

The forms call the functions the API's routes call (`issue_party_feed`, `add_webhook`,
`remove_webhook`), so they are allowed, audited and refused exactly as the API is. A new feed URL or
webhook secret is shown once, on the page that answers the form: never in a redirect's URL, and
`page()` already says `Cache-Control: no-store`.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from api.deps import RequestId, SessionDep
from api.errors import ApiError, problem_of
from api.routes.calendars import issue_party_feed
from api.routes.webhooks import (
    DeliveryOut,
    WebhookCreate,
    WebhookOut,
    add_webhook,
    delivery_log,
    remove_webhook,
    require_officer_or_manager_of,
)
from api.web.auth import WEB_PATH, CheckedForm, WebUser
from api.web.forms import as_body
from api.web.i18n import Translator, language_of
from api.web.refusals import refusal_in
from api.web.render import page
from mouflow.notify.events import NotificationType
from mouflow.store.access_tables import UserRow
from mouflow.store.parties import get_party
from mouflow.store.web_sessions import SignedIn
from mouflow.store.webhooks import list_webhooks

router = APIRouter(prefix=f"{WEB_PATH}/party", include_in_schema=False)
DELIVERIES_SHOWN = 10


@router.get("")
def party_page(request: Request, who: WebUser, session: SessionDep, done: str | None = None) -> Response:
    return party_response(request, session, who, notice="Removed." if done == "removed" else None)


@router.post("/calendar")
def issue_calendar(request: Request, who: WebUser, session: SessionDep, _: CheckedForm, rid: RequestId) -> Response:
    party_id = who.user.party_id
    link = issue_party_feed(request, session=session, user=who.user, party_id=party_id, request_id=rid)
    return party_response(request, session, who, feed=link)


@router.post("/webhooks")
def add(request: Request, who: WebUser, session: SessionDep, form: CheckedForm, rid: RequestId) -> Response:
    url = form.get("url")
    fields = {"url": url.strip() if isinstance(url, str) else "", "events": form.getlist("events")}
    try:
        body = as_body(WebhookCreate, fields)
        created = add_webhook(session=session, user=who.user, party_id=who.user.party_id, body=body, request_id=rid)
    except Exception as error:
        found = problem_of(error)
        if found is None:
            raise
        session.rollback()  # a refusal wrote nothing; a database error leaves the session to reset
        return party_response(
            request,
            session,
            who,
            error=refusal_in(found, Translator(language_of(request))),
            status_code=found.status,
            entered=fields,
        )
    return party_response(request, session, who, created=created)


@router.post("/webhooks/{webhook_id}/remove")
def remove(
    webhook_id: Annotated[str, Path(max_length=100)], who: WebUser, session: SessionDep, _: CheckedForm, rid: RequestId
) -> Response:
    party_id = who.user.party_id
    remove_webhook(session=session, user=who.user, party_id=party_id, webhook_id=webhook_id, request_id=rid)
    return RedirectResponse(f"{WEB_PATH}/party?done=removed", status_code=303)  # a reload does not post again


def party_response(
    request: Request,
    session: Session,
    who: SignedIn,
    status_code: int = 200,
    entered: dict[str, Any] | None = None,
    **shown: Any,
) -> Response:
    """The page; `shown` is what answers a form: a notice, an error, a new feed link or a new webhook."""
    manages = manages_party(who.user)
    context = {
        "who": who,
        "party": get_party(session=session, party_id=who.user.party_id),
        "manages": manages,
        "webhooks": webhooks_with_deliveries(session, who.user.party_id) if manages else [],
        "event_types": list(NotificationType),
        "entered": entered or {"url": "", "events": []},
        **{"notice": None, "error": None, "feed": None, "created": None, **shown},
    }
    return page(request, "party.html", context, status_code)


def manages_party(user: UserRow) -> bool:
    """The API's own rule, asked rather than restated: a viewer sees the page without its forms."""
    try:
        require_officer_or_manager_of(user, user.party_id)
    except ApiError:
        return False
    return True


def webhooks_with_deliveries(session: Session, party_id: str) -> list[tuple[WebhookOut, list[DeliveryOut]]]:
    rows = list_webhooks(session=session, party_id=party_id)
    return [
        (WebhookOut.model_validate(row), delivery_log(session=session, webhook_id=row.id, limit=DELIVERIES_SHOWN))
        for row in rows
    ]
