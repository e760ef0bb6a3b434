"""What changed between two draft versions of an MoU (api/services/redlines.py)."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CurrentUser, SessionDep
from api.services.redlines import CommentedRedline, compare_versions

router = APIRouter(prefix="/mous", tags=["mous"])


@router.get("/{mou_id}/diff", response_model=CommentedRedline)
def get_redline(
    mou_id: str,
    user: CurrentUser,
    session: SessionDep,
    from_version: Annotated[
        int | None,
        Query(
            alias="from",
            ge=1,
            le=1_000_000,
            description="default: the version your party last reviewed, else the one before `to`",
        ),
    ] = None,
    to_version: Annotated[int | None, Query(alias="to", ge=1, le=1_000_000, description="default: the latest")] = None,
) -> CommentedRedline:
    """The redline between two draft versions, clause by clause and language by language, with the review
    comments made on either version, each on its clause."""
    comparison = compare_versions(
        session=session, user=user, mou_id=mou_id, from_version=from_version, to_version=to_version
    )
    return comparison.commented()
