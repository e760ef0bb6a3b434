"""iCalendar: a subscribable feed per party, and one ceremony as a single .ics download.

The feed URL carries its own token instead of a bearer token, because calendar apps subscribe to a
plain URL and send no Authorization header. Both read the SQL projection only, never Temporal.
"""

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Request, Response, status
from pydantic import BaseModel
from sqlalchemy.orm import Session

from api.access import require_role, visible_mou
from api.deps import CurrentUser, RequestId, SessionDep
from api.errors import NotFoundError
from mouflow.calendars import feed
from mouflow.config import Settings
from mouflow.domain.content import Bilingual
from mouflow.domain.enums import Role
from mouflow.store.access_tables import UserRow
from mouflow.store.audit import append_action
from mouflow.store.calendar_entries import get_feed_mou, list_feed_mous
from mouflow.store.calendar_feeds import issue_feed_token, party_for_feed_token
from mouflow.store.users import to_actor

router = APIRouter(tags=["calendars"])
ICS = "text/calendar; charset=utf-8"
CALENDAR: dict[int | str, dict[str, Any]] = {200: {"content": {"text/calendar": {}}}}
# a calendar app polls hourly (REFRESH-INTERVAL); five minutes spares the database a burst of polls
FEED_CACHE = "private, max-age=300"


class FeedLink(BaseModel):
    url: str  # subscribe to this in a calendar app; it holds the token, so share it as a password
    token: str  # shown once: only its SHA-256 is kept


@router.post("/parties/{party_id}/calendar", status_code=status.HTTP_201_CREATED)
def issue_feed(
    party_id: str, request: Request, response: Response, user: CurrentUser, session: SessionDep, rid: RequestId
) -> FeedLink:
    """Issue the party's calendar feed URL, or replace it: the previous URL stops working at once.

    A retry issues yet another token (the first answer is not kept, as it holds the clear token).
    """
    link = issue_party_feed(request, session=session, user=user, party_id=party_id, request_id=rid)
    response.headers["Cache-Control"] = "no-store"
    return link


def issue_party_feed(request: Request, *, session: Session, user: UserRow, party_id: str, request_id: str) -> FeedLink:
    """The API's route and the web page's form: checked, issued, audited and committed alike."""
    if user.party_id != party_id:  # another party's feed is as hidden as its MoUs
        raise NotFoundError(f"there is no party {party_id!r} among yours")
    require_role(user, Role.OFFICER, Role.MANAGER)
    token = issue_feed_token(session=session, party_id=party_id, created_by=user.id)
    detail = f"calendar feed of {party_id} issued; any earlier feed URL no longer works"
    actor = to_actor(user)
    append_action(session=session, actor=actor, what="calendar_feed_issued", detail=detail, request_id=request_id)
    session.commit()
    return FeedLink(url=_public(request, request.app.url_path_for("party_feed", token=token)), token=token)


def _public(request: Request, path: str) -> str:
    """Behind a proxy the request's own host may be an internal name, or one a client chose: a configured
    public address wins."""
    settings: Settings = request.app.state.settings
    base = settings.public_url or str(request.base_url)
    return base.rstrip("/") + path


@router.get("/calendars/{token}.ics", response_class=Response, responses=CALENDAR)
def party_feed(
    token: Annotated[str, Path(max_length=200)],
    session: SessionDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """The party's signing ceremonies and milestone due dates. No Authorization: the URL's token is the key."""
    party = party_for_feed_token(session=session, token=token)
    if party is None:
        raise NotFoundError("there is no calendar feed at this address; it may have been replaced by a newer one")
    mous = list_feed_mous(session=session, party_id=party.id)
    name = Bilingual(en=party.name_en, zh=party.name_zh)
    text = feed.party_feed(party_id=party.id, party_name=name, mous=mous)
    return calendar_response(text, if_none_match, {"Cache-Control": FEED_CACHE})


@router.get("/mous/{mou_id}/ceremony.ics", response_class=Response, responses=CALENDAR)
def ceremony_download(mou_id: str, user: CurrentUser, session: SessionDep) -> Response:
    """The signing ceremony as one event to import; 404 until one is scheduled."""
    row = visible_mou(session=session, user=user, mou_id=mou_id)
    text = feed.ceremony_file(get_feed_mou(session=session, row=row))
    if text is None:
        raise NotFoundError(f"no signing ceremony is scheduled for the MoU {mou_id!r} yet")
    disposition = f'attachment; filename="{row.id}-ceremony.ics"'  # MoU ids are letters, digits and hyphens
    return calendar_response(text, None, {"Content-Disposition": disposition, "Cache-Control": "private, no-cache"})


def calendar_response(text: bytes, if_none_match: str | None, headers: dict[str, str]) -> Response:
    """The same projection gives the same bytes, so their hash is an ETag a polling app can send back."""
    etag = f'"{hashlib.sha256(text).hexdigest()}"'
    headers = {**headers, "ETag": etag}
    if if_none_match == etag:
        return Response(status_code=304, headers=headers)
    return Response(text, media_type=ICS, headers=headers)
