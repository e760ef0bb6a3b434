"""A milestone due by `offset_days` alone, through the API: accepted, kept as sent, printed as days."""

import asyncio
import subprocess

import httpx

from mouflow.demo import gba_mou
from mouflow.domain.enums import Role
from tests.api.conftest import Users

MOU = "/mous/hkte-gba-mobility-2025"
CONTENT = gba_mou().content.model_dump(mode="json")


async def draft_pdf(api: httpx.AsyncClient, headers: dict[str, str]) -> bytes:
    """The draft is rendered just after the start, off the officer's path: wait for it briefly."""
    for _ in range(300):
        drafts = [d for d in (await api.get(f"{MOU}/documents", headers=headers)).json() if d["kind"] == "draft"]
        if drafts:
            return (await api.get(f"/documents/{drafts[0]['document_id']}", headers=headers)).content
        await asyncio.sleep(0.05)
    raise AssertionError("the draft was never rendered")


async def test_a_days_only_milestone_is_accepted_and_printed_in_days(api: httpx.AsyncClient, users: Users) -> None:
    officer = users.headers("hkte", Role.OFFICER)
    assert {k: v for k, v in CONTENT["milestones"][0].items() if k in ("offset_months", "offset_days")} == {
        "offset_months": None,
        "offset_days": 20,
    }
    body = {"mou_id": "hkte-gba-mobility-2025", "partner_ids": ["qianhai", "nansha"], "content": CONTENT}
    assert (await api.post("/mous", json=body, headers=officer)).status_code == 201
    kept = (await api.get(f"{MOU}/versions/1", headers=officer)).json()["milestones"][0]
    assert (kept["id"], kept["offset_months"], kept["offset_days"]) == ("tripartite-meeting", None, 20)

    text = subprocess.run(["pdftotext", "-", "-"], input=await draft_pdf(api, officer), capture_output=True).stdout
    flat = "".join(text.decode().split())
    assert "20daysafterthe" in flat and "生效日期後20日" in flat and "0個月" not in flat


async def test_a_milestone_due_two_ways_or_none_is_refused(api: httpx.AsyncClient, users: Users) -> None:
    officer = users.headers("hkte", Role.OFFICER)
    body = {"mou_id": "hkte-gba-mobility-2025", "partner_ids": ["qianhai", "nansha"], "content": CONTENT}
    assert (await api.post("/mous", json=body, headers=officer)).status_code == 201
    when = {"due_date", "offset_months", "offset_days"}
    undated = {key: value for key, value in CONTENT["milestones"][0].items() if key not in when}
    for due in ({"due_date": "2026-01-05", "offset_days": 20}, {"offset_days": 0}):  # both ways; neither
        wrong = undated | due
        content = {**CONTENT, "milestones": [wrong, *CONTENT["milestones"][1:]]}
        response = await api.put(f"{MOU}/draft", json={"base_version": 1, "content": content}, headers=officer)
        assert response.status_code == 422, response.text
        assert "either due_date or offset_months and/or offset_days" in response.json()["detail"]
    assert (await api.get(f"{MOU}/versions/2", headers=officer)).status_code == 404
