"""Review, ceremony and signatures: from a submitted draft to an executed MoU."""

from fastapi import APIRouter

from api.workflows import WriterDep
from mouflow.domain.actions import (
    CeremonyRequest,
    ReasonRequest,
    Review,
    ReviewRequest,
    ScheduleCeremony,
    Sign,
    SignatureRequest,
    VoidSignatures,
)
from mouflow.domain.summaries import MouSummary
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
    """At the ceremony, from its start; or `mode: in_counterpart` for a party that cannot attend."""
    return await writer.act(mou_id, MouWorkflow.sign, Sign, body)


@router.post("/signatures/voiding")
async def void_signatures(mou_id: str, body: ReasonRequest, writer: WriterDep) -> MouSummary:
    """The owner voids the signatures of a partly signed MoU, with a reason, so that a late change is possible."""
    return await writer.act(mou_id, MouWorkflow.void_signatures, VoidSignatures, body)
