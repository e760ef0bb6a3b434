"""iCalendar over HTTP (api/services/calendars.py): a subscribable feed per party, and one ceremony as a
single .ics download."""

from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Response, status

from api.deps import CurrentUser, PublicBase, RequestId, SessionDep
from api.downloads import calendar_response, ceremony_response
from api.services.calendars import FEED_PATH, FeedLink, issue_party_feed, read_ceremony_file, read_party_feed

router = APIRouter(tags=["calendars"])
CALENDAR: dict[int | str, dict[str, Any]] = {200: {"content": {"text/calendar": {}}}}
# a calendar app polls hourly (REFRESH-INTERVAL); five minutes spares the database a burst of polls
FEED_CACHE = "private, max-age=300"


@router.post("/parties/{party_id}/calendar", status_code=status.HTTP_201_CREATED)
def issue_feed(
    party_id: str, response: Response, user: CurrentUser, session: SessionDep, rid: RequestId, base: PublicBase
) -> FeedLink:
    """Issue the party's calendar feed URL, or replace it: the previous URL stops working at once.

    A retry issues yet another token (the first answer is not kept, as it holds the clear token).
    """
    link = issue_party_feed(session=session, user=user, party_id=party_id, request_id=rid, public_base=base)
    response.headers["Cache-Control"] = "no-store"
    return link


@router.get(FEED_PATH, response_class=Response, responses=CALENDAR)
def party_feed(
    token: Annotated[str, Path(max_length=200)],
    session: SessionDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """The party's signing ceremonies and milestone due dates. No Authorization: the URL's token is the key."""
    text = read_party_feed(session=session, token=token)
    return calendar_response(text, if_none_match, {"Cache-Control": FEED_CACHE})


@router.get("/mous/{mou_id}/ceremony.ics", response_class=Response, responses=CALENDAR)
def ceremony_download(mou_id: str, user: CurrentUser, session: SessionDep) -> Response:
    """The signing ceremony as one event to import; 404 until one is scheduled."""
    return ceremony_response(read_ceremony_file(session=session, user=user, mou_id=mou_id))
