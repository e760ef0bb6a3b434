"""Review, ceremony and signatures: from a submitted draft to an executed MoU."""

from fastapi import APIRouter

from api.workflows import WriterDep
from mouflow.domain.actions import (
    CeremonyRequest,
    Review,
    ReviewRequest,
    ScheduleCeremony,
    Sign,
    SignatureRequest,
)
from mouflow.domain.view import MouSummary
from workflows.mou import MouWorkflow

router = APIRouter(prefix="/mous/{mou_id}", tags=["review and signing"])


@router.post("/reviews")
async def review(mou_id: str, body: ReviewRequest, writer: WriterDep) -> MouSummary:
    """Approve, or request changes with a comment, on the version under review."""
    return await writer.act(mou_id, MouWorkflow.review, Review, body)


@router.post("/ceremony")
async def schedule_ceremony(mou_id: str, body: CeremonyRequest, writer: WriterDep) -> MouSummary:
    """Schedule the signing ceremony, or move it: earlier schedules are kept."""
    return await writer.act(mou_id, MouWorkflow.schedule_ceremony, ScheduleCeremony, body)


@router.post("/signatures")
async def sign(mou_id: str, body: SignatureRequest, writer: WriterDep) -> MouSummary:
    return await writer.act(mou_id, MouWorkflow.sign, Sign, body)
