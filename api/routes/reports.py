"""Reports for managers who audit milestone progress across all MoUs, over HTTP (api/services/reports.py)."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import CurrentUser, RendererDep, SessionDep, StorageDep, TemporalDep
from api.services.reports import MilestoneReport, Printing, print_progress_report, report_milestones

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get("/milestones.pdf", response_class=Response, responses={200: {"content": {"application/pdf": {}}}})
async def milestones_pdf(
    user: CurrentUser,
    session: SessionDep,
    client: TemporalDep,
    renderer: RendererDep,
    storage: StorageDep,
    party: Annotated[str | None, Query(max_length=64, description="only this party's MoUs")] = None,
) -> Response:
    """The progress report as a PDF: every milestone of the MoUs signed or in force, each with its stage."""
    printing = Printing(client=client, renderer=renderer, storage=storage)
    printed = await print_progress_report(session=session, user=user, printing=printing, party=party)
    return Response(printed.pdf, media_type="application/pdf", headers={"ETag": f'"{printed.sha256}"'})


@router.get("/milestones")
def milestones(
    user: CurrentUser, session: SessionDep, days_ahead: Annotated[int, Query(ge=0, le=366)] = 30
) -> MilestoneReport:
    """Overdue milestones, and those due within `days_ahead` days, across every MoU signed or in force.

    A signed MoU's milestones are listed too, labelled by `mou_stage`: its first ones fall due soon after
    the effective date, and a manager prepares for them before that date comes.
    """
    return report_milestones(session=session, user=user, days_ahead=days_ahead)
