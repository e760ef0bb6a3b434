"""The MoU page's forms for closing it and for amending its milestones: withdrawal, notice of termination or
consent to end it by agreement, voiding signatures, reopening to drafting, a milestone added to the plan, one
rescheduled or removed.
Each is the API's own request (api/routes/mous.py, api/routes/milestones.py) through `PageForm.act`: the same
Update, the same checks, the same refusals, shown next to the field at fault with what was typed kept.
"""

from typing import Any

from fastapi import APIRouter, Response

from api.web.actions import PageFormDep
from api.web.auth import WEB_PATH
from mouflow.domain.actions import (
    AmendMilestones,
    AmendRequest,
    Close,
    CloseRequest,
    ReasonRequest,
    Reopen,
    Terminate,
    TerminationRequest,
    VoidSignatures,
)
from workflows.mou import MouWorkflow

router = APIRouter(prefix=f"{WEB_PATH}/mous/{{mou_id}}", include_in_schema=False)


@router.post("/withdrawal")
async def withdraw(mou_id: str, page: PageFormDep) -> Response:
    return await page.act(mou_id, MouWorkflow.withdraw, Close, CloseRequest, {"reason": page.field("reason")})


@router.post("/termination")
async def terminate(mou_id: str, page: PageFormDep) -> Response:
    """Notice or consent: the button pressed names the way, as `by` does in the API's body."""
    fields = {"reason": page.field("reason"), "by": page.field("by") or "notice"}
    return await page.act(mou_id, MouWorkflow.terminate, Terminate, TerminationRequest, fields)


@router.post("/signatures/voiding")
async def void_signatures(mou_id: str, page: PageFormDep) -> Response:
    fields = {"reason": page.field("reason")}
    return await page.act(mou_id, MouWorkflow.void_signatures, VoidSignatures, ReasonRequest, fields)


@router.post("/reopening")
async def reopen(mou_id: str, page: PageFormDep) -> Response:
    return await page.act(mou_id, MouWorkflow.reopen, Reopen, ReasonRequest, {"reason": page.field("reason")})


@router.post("/milestones")
async def amend_milestones(mou_id: str, page: PageFormDep) -> Response:
    fields = {"milestones": [new_milestone(page)], "reason": page.field("reason")}
    return await page.act(mou_id, MouWorkflow.amend_milestones, AmendMilestones, AmendRequest, fields)


@router.post("/milestones/changes")
async def change_milestone(mou_id: str, page: PageFormDep) -> Response:
    """Reschedule or remove: the button pressed says which, for the milestone chosen."""
    milestone_id, reason = page.field("change_milestone"), page.field("reason")
    fields: dict[str, Any] = {"reason": reason}
    if page.field("change") == "remove":
        fields["remove"] = [milestone_id]
    else:
        fields["reschedule"] = [{"milestone_id": milestone_id, "due_date": page.field("change_due_date")}]
    return await page.act(mou_id, MouWorkflow.amend_milestones, AmendMilestones, AmendRequest, fields)


def new_milestone(page: PageFormDep) -> dict[str, Any]:
    """The one milestone the form adds, as the API's body names it. An empty field is left out, so that the
    model's own rule (a due date, or an offset in months and/or days) says what is missing; what is typed
    goes on as typed, for the model to refuse in its own words."""
    typed = {
        "id": page.field("new_id"),
        "due_date": page.field("new_due_date"),
        "offset_months": page.field("new_offset_months"),
        "offset_days": page.field("new_offset_days"),
        "owner_party_id": page.field("new_owner"),
    }
    item: dict[str, Any] = {name: value for name, value in typed.items() if value}
    item["title"] = {"en": page.field("new_title_en"), "zh": page.field("new_title_zh")}
    item["requires_confirmation"] = page.field("new_confirm") == "yes"
    return item
