"""Review comments: every party reads them; the drafting party marks each addressed, or answers it."""

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import CurrentUser, SessionDep
from api.services.mous import read_comments
from api.workflows import WriterDep
from mouflow.domain.actions import COMMENT_ID_PATTERN, AnswerComment, AnswerRequest
from mouflow.domain.state import ReviewComment
from mouflow.domain.summaries import MouSummary
from workflows.mou import MouWorkflow

CommentIdPath = Annotated[str, Path(pattern=COMMENT_ID_PATTERN, description="c1, c2, ...: in the order made")]
router = APIRouter(prefix="/mous/{mou_id}/comments", tags=["review and signing"])


@router.get("")
def list_comments(mou_id: str, user: CurrentUser, session: SessionDep) -> list[ReviewComment]:
    """Every review's comments in the order made, each on the whole version or on one clause in one language."""
    return read_comments(session=session, user=user, mou_id=mou_id)


@router.post("/{comment_id}/answer")
async def answer_comment(mou_id: str, comment_id: CommentIdPath, body: AnswerRequest, writer: WriterDep) -> MouSummary:
    """Mark a comment addressed in the text, or answer it with a reply: once, before the MoU is signed."""
    return await writer.act(mou_id, MouWorkflow.answer_comment, AnswerComment, body, comment_id=comment_id)
