"""One MoU's whole life over HTTP, as HKTE's officer and the partner's would live it."""

from datetime import UTC, datetime
from typing import Any

from load_client import LoadClient, StepFailed
from symposium import (
    FAIR,
    SIGNATORIES,
    SIGNING_MODE,
    TERMINATION_BY,
    TERMINATION_REASON,
    ceremony,
    first_draft,
    partner_of,
    second_draft,
)

from mouflow.demo import HKTE

Step = tuple[str, str, str, object, str]  # method, path under the MoU, party, body, stage after it


def json(model: Any) -> Any:
    return model.model_dump(mode="json")


def steps(mou_id: str, partner: str, content: Any) -> list[Step]:
    """After the start: the 11 writes, each with the stage the MoU must be in once it answers. The parties
    sign in counterpart and end the MoU by agreement, so that no step waits in real time (symposium.py)."""
    hkte, at = HKTE.id, f"/mous/{mou_id}"
    approve = {"version": 2, "decision": "approve"}
    end = {"reason": TERMINATION_REASON, "by": TERMINATION_BY.value}
    return [
        ("PUT", f"{at}/draft", hkte, {"base_version": 1, "content": json(second_draft(content))}, "drafting"),
        ("POST", f"{at}/submit", hkte, {"version": 2}, "in_review"),
        ("POST", f"{at}/reviews", hkte, approve, "in_review"),
        ("POST", f"{at}/reviews", partner, approve, "ready_to_sign"),
        ("POST", f"{at}/ceremony", hkte, json(ceremony(datetime.now(UTC))), "ready_to_sign"),
        ("POST", f"{at}/signatures", hkte, signature(hkte), "ready_to_sign"),
        ("POST", f"{at}/signatures", partner, signature(partner), "in_force"),
        ("POST", f"{at}/milestones/{FAIR}/progress", hkte, {"status": "done", "note": "1,200 attended"}, "in_force"),
        ("POST", f"{at}/milestones/{FAIR}/confirm", partner, {"note": "Verified"}, "in_force"),
        ("POST", f"{at}/termination", hkte, end, "in_force"),
        ("POST", f"{at}/termination", partner, end, "terminated"),
    ]


def signature(party: str) -> dict[str, object]:
    return {"version": 2, "signatory": json(SIGNATORIES[party]), "mode": SIGNING_MODE.value}


async def drive(client: LoadClient, n: int, mou_id: str) -> bool:
    """True when every step answered as expected; the first that did not ends this MoU's run."""
    partner = partner_of(n)
    content = first_draft(partner, mou_id).content
    start = {"mou_id": mou_id, "partner_ids": [partner.id], "content": json(content)}
    try:
        created = await client.call("POST", "/mous", HKTE.id, start, expect=201)
        _expect_stage(client, "POST /mous", created, "drafting")
        for method, path, party, body, stage in steps(mou_id, partner.id, content):
            answer = await client.call(method, path, party, body)
            _expect_stage(client, f"{method} {path}", answer, stage)
    except StepFailed:
        return False
    return True


def _expect_stage(client: LoadClient, what: str, answer: dict[str, Any], stage: str) -> None:
    if answer.get("stage") != stage:
        client.failures.append(f"{what}: stage {answer.get('stage')}, expected {stage}")
        raise StepFailed(what)
