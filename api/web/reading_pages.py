"""Reading an MoU on screen: one version's full text, and the redline between two versions. On the redline a
reviewer reviews, commenting on any clause in either language, and the drafter answers the comments."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session
from temporalio.client import Client

from api.deps import SessionDep, TemporalDep
from api.web.auth import WEB_PATH, WebUser
from api.web.draft_keys import new_form_key
from api.web.mou_offers import page_offers
from api.web.mou_pages import done_notice
from api.web.reading_data import RedlineView, redline_view, version_view
from api.web.render import page
from api.workflows import release_connection
from mouflow.domain.offers import Offers
from mouflow.store.users import to_actor
from mouflow.store.web_sessions import SignedIn

router = APIRouter(prefix=WEB_PATH, include_in_schema=False)

Number = Annotated[int, Path(ge=1, le=1_000_000)]
Compared = tuple[int | None, int | None]  # a redline's from and to, each None for its default


@router.get("/mous/{mou_id}/versions/{number}")
def version_page(request: Request, mou_id: str, number: Number, who: WebUser, session: SessionDep) -> Response:
    view = version_view(session=session, user=who.user, mou_id=mou_id, number=number)
    return page(request, "version.html", {"who": who, "view": view})


@router.get("/mous/{mou_id}/redline")
async def redline_page(
    request: Request,
    mou_id: str,
    who: WebUser,
    session: SessionDep,
    client: TemporalDep,
    from_version: Annotated[int | None, Query(alias="from", ge=1, le=1_000_000)] = None,
    to_version: Annotated[int | None, Query(alias="to", ge=1, le=1_000_000)] = None,
    done: str | None = None,
) -> Response:
    compared = (from_version, to_version)
    return await redline_response(request, session, client, who, mou_id, compared, notice=done_notice(done))


async def redline_response(
    request: Request,
    session: Session,
    client: Client,
    who: SignedIn,
    mou_id: str,
    compared: Compared,
    notice: str | None = None,
    error: str | None = None,
    status_code: int = 200,
    entered: dict[str, str] | None = None,
) -> Response:
    """The redline, with the forms the workflow would accept: a review of the version shown, answers to the
    comments. A refused form shows it again with the API's words and what was typed."""
    view = await run_in_threadpool(_read_redline, session, who, mou_id, compared)
    offers = await page_offers(client, view.mou.status, to_actor(who.user), datetime.now(UTC))
    context = {
        "who": who,
        "view": view,
        "offers": offers or Offers(),
        "notice": notice,
        "error": error,
        "entered": entered or {},
        "form_key": new_form_key(),
    }
    return await run_in_threadpool(page, request, "redline.html", context, status_code)


def _read_redline(session: Session, who: SignedIn, mou_id: str, compared: Compared) -> RedlineView:
    with release_connection(session):  # before the workflow is asked, which can take seconds
        return redline_view(
            session=session, user=who.user, mou_id=mou_id, from_version=compared[0], to_version=compared[1]
        )
