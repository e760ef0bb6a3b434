"""The MoU list, one MoU's page, and its documents, for a signed-in user."""

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from temporalio.client import Client

from api.deps import SessionDep, StorageDep, TemporalDep
from api.downloads import ceremony_response, document_response
from api.services.authenticity import OneLanguagePending, find_one_language_changes
from api.services.calendars import read_ceremony_file
from api.services.mous import MouFilter, list_visible_mous
from api.web.auth import WEB_PATH, WebUser
from api.web.draft_keys import new_form_key
from api.web.mou_offers import page_offers
from api.web.mou_page_data import MouPage, mou_page
from api.web.render import page
from api.workflows import release_connection
from mouflow.domain.calendar import local_date
from mouflow.domain.enums import Stage
from mouflow.domain.offers import Offers
from mouflow.errors import InvalidError
from mouflow.store.access_tables import UserRow
from mouflow.store.parties import list_parties
from mouflow.store.users import to_actor

router = APIRouter(prefix=WEB_PATH, include_in_schema=False)
PAGE_SIZE = 50


@router.get("")
def home() -> Response:
    return RedirectResponse(f"{WEB_PATH}/mous", status_code=303)


@router.get("/mous")
def mou_list(
    request: Request,
    who: WebUser,
    session: SessionDep,
    party: Annotated[str | None, Query(max_length=64)] = None,
    stage: Annotated[str | None, Query(max_length=20)] = None,
    overdue: Annotated[str | None, Query(pattern="^(|yes|no)$")] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    where = MouFilter(
        party_id=party or None,
        stage=_stage(stage),
        overdue={"yes": True, "no": False}.get(overdue or ""),
        text=q or None,
        after=cursor or None,
    )
    rows = list_visible_mous(session=session, user=who.user, where=where, limit=PAGE_SIZE)
    filters = {"party": party or "", "stage": stage or "", "overdue": overdue or "", "q": q or ""}
    return page(
        request,
        "list.html",
        {
            "who": who,
            "rows": rows,
            "parties": list_parties(session=session),
            "stages": list(Stage),
            "filters": filters,
            "next_cursor": rows[-1].id if len(rows) == PAGE_SIZE else None,
        },
    )


def _stage(value: str | None) -> str | None:
    """A filter form sends "" for any stage."""
    if not value:
        return None
    if value not in set(Stage):
        raise InvalidError(f"there is no stage {value!r}; use one of {', '.join(Stage)}")
    return value


@router.get("/mous/{mou_id}")
async def mou_detail(
    request: Request, mou_id: str, who: WebUser, session: SessionDep, client: TemporalDep, done: str | None = None
) -> Response:
    return await mou_response(request, session, client, who, mou_id, notice=done_notice(done))


async def mou_response(
    request: Request,
    session: Session,
    client: Client,
    who: WebUser,
    mou_id: str,
    notice: str | None = None,
    error: str | None = None,
    status_code: int = 200,
    entered: dict[str, str] | None = None,
) -> Response:
    """The page itself; a refused form shows it again with the API's message and the API's status, and
    with what the user typed, so a long comment is not lost to a missing field."""
    now = datetime.now(UTC)
    today = local_date(now)
    view = await run_in_threadpool(_read_page, session, who.user, mou_id, today)
    offers = await page_offers(client, view.status, to_actor(who.user), now)
    one_language = await run_in_threadpool(_one_language_to_confirm, session, who.user, mou_id, offers)
    context = {
        "who": who,
        "view": view,
        "offers": offers or Offers(),
        "one_language": one_language,
        "actions_unavailable": offers is None,
        "today": today,
        "notice": notice,
        "error": error,
        "form_key": new_form_key(),
        "entered": entered or {},
    }
    return await run_in_threadpool(page, request, "mou.html", context, status_code)


def _read_page(session: Session, user: UserRow, mou_id: str, today: date) -> MouPage:
    """The projection's part, access first; the connection goes back to the pool before the workflow is asked,
    which can take seconds when no worker answers."""
    with release_connection(session):
        return mou_page(session=session, user=user, mou_id=mou_id, today=today)


def _one_language_to_confirm(
    session: Session, user: UserRow, mou_id: str, offers: Offers | None
) -> OneLanguagePending | None:
    """For the submit form: the texts changed in one language only, which the officer confirms on submit."""
    if offers is None or offers.submit_version is None:
        return None
    with release_connection(session):
        return find_one_language_changes(session=session, user=user, mou_id=mou_id, version=offers.submit_version)


def done_notice(done: str | None) -> str | None:
    """After a form's redirect (`?done=`): what the page says."""
    return "Saved." if done else None


@router.get("/documents/{document_id}")
def document(
    document_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")],
    who: WebUser,
    session: SessionDep,
    storage: StorageDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    return document_response(
        session=session, user=who.user, storage=storage, document_id=document_id, if_none_match=if_none_match
    )


@router.get("/mous/{mou_id}/ceremony.ics")
def ceremony_calendar(mou_id: str, who: WebUser, session: SessionDep) -> Response:
    return ceremony_response(read_ceremony_file(session=session, user=who.user, mou_id=mou_id))
