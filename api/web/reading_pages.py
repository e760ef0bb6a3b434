"""Reading an MoU on screen: one version's full text, and the redline between two versions."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from api.deps import SessionDep
from api.web.auth import WEB_PATH, WebUser
from api.web.reading_data import redline_view, version_view
from api.web.render import page

router = APIRouter(prefix=WEB_PATH, include_in_schema=False)

Number = Annotated[int, Path(ge=1, le=1_000_000)]


@router.get("/mous/{mou_id}/versions/{number}")
def version_page(request: Request, mou_id: str, number: Number, who: WebUser, session: SessionDep) -> Response:
    view = version_view(session=session, user=who.user, mou_id=mou_id, number=number)
    return page(request, "version.html", {"who": who, "view": view})


@router.get("/mous/{mou_id}/redline")
def redline_page(
    request: Request,
    mou_id: str,
    who: WebUser,
    session: SessionDep,
    from_version: Annotated[int | None, Query(alias="from", ge=1, le=1_000_000)] = None,
    to_version: Annotated[int | None, Query(alias="to", ge=1, le=1_000_000)] = None,
) -> Response:
    view = redline_view(session=session, user=who.user, mou_id=mou_id, from_version=from_version, to_version=to_version)
    return page(request, "redline.html", {"who": who, "view": view})
