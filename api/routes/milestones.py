"""Follow-up after signing: amendments to the plan, progress reports, confirmations."""

from fastapi import APIRouter

from api.workflows import WriterDep
from mouflow.domain.actions import (
    AmendMilestones,
    AmendRequest,
    ConfirmMilestone,
    ConfirmRequest,
    ProgressRequest,
    ReportProgress,
)
from mouflow.domain.content import Slug
from mouflow.domain.summaries import MouSummary
from workflows.mou import MouWorkflow

router = APIRouter(prefix="/mous/{mou_id}/milestones", tags=["milestones"])


@router.post("")
async def amend(mou_id: str, body: AmendRequest, writer: WriterDep) -> MouSummary:
    """Add milestones to the plan of an executed MoU."""
    return await writer.act(mou_id, MouWorkflow.amend_milestones, AmendMilestones, body)


@router.post("/{milestone_id}/progress")
async def report_progress(mou_id: str, milestone_id: Slug, body: ProgressRequest, writer: WriterDep) -> MouSummary:
    return await writer.act(mou_id, MouWorkflow.report_progress, ReportProgress, body, milestone_id=milestone_id)


@router.post("/{milestone_id}/confirm")
async def confirm(mou_id: str, milestone_id: Slug, body: ConfirmRequest, writer: WriterDep) -> MouSummary:
    return await writer.act(mou_id, MouWorkflow.confirm_milestone, ConfirmMilestone, body, milestone_id=milestone_id)
