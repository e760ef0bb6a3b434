"""The symposium case driven entirely through HTTP by officers of three parties and a manager."""

import io
from datetime import date, timedelta

import httpx
from pypdf import PdfReader
from temporalio.testing import WorkflowEnvironment

from api.schemas import MouOut
from mouflow.domain.calendar import start_of_day
from mouflow.domain.enums import Role
from tests import symposium as case
from tests.api.conftest import Users
from tests.ceremony import until
from tests.symposium import HttpDriver

OFFICER, MANAGER = Role.OFFICER, Role.MANAGER


async def test_symposium_through_http(api: httpx.AsyncClient, users: Users, time_env: WorkflowEnvironment) -> None:
    http = HttpDriver(api, users)
    q, n = f"/mous/{case.Q}", f"/mous/{case.N}"
    created = await http.do(case.start(case.QIANHAI_MOU))
    assert created["stage"] == "drafting"
    await http.do(case.start(case.NANSHA_MOU))
    assert (await http.call("GET", q, "qianhai", Role.VIEWER))["current_version"] == 1  # visible at once

    # Qianhai: one revision round
    for step in case.negotiation():
        status = await http.do(step)
        if step.name == "qianhai asks for changes":
            assert status["stage"] == "drafting"
        if step.name == "draft v2":
            assert len((await http.call("GET", f"{q}/versions/2", "qianhai"))["clauses"]) == 3
    assert status["stage"] == "ready_to_sign"

    # Nansha: late review, escalated to managers
    await case.run(http, [case.submit(case.N, 1, review_days=7), case.review(case.N, "hkte", 1)])
    await time_env.sleep(timedelta(days=7, hours=1))
    detail = await http.call("GET", n, "hkte", MANAGER)
    assert detail["review_round"]["escalated_at"] is not None and detail["awaiting_review"] == ["nansha"]
    await http.do(case.review(case.N, "nansha", 1))

    # ceremony witnessed by the Secretary for Labour and Welfare, then signatures
    at = await time_env.get_current_time() + timedelta(days=2)
    await case.run(http, [case.schedule(mou_id, at) for mou_id in (case.Q, case.N)])
    await until(at, time_env)  # signatures are taken from the ceremony's start
    for path, mou_id, partner in ((q, case.Q, "qianhai"), (n, case.N, "nansha")):
        version = (await http.call("GET", path, partner))["approved_version"]
        status = (await case.run(http, case.signatures(mou_id, partner, version)))[-1]
        assert status["stage"] == "in_force"
    detail = await http.call("GET", q, "qianhai", Role.VIEWER)
    assert MouOut.model_validate(detail).model_dump(mode="json") == detail  # the stored JSON is the schema's
    assert detail["ceremony"]["witnesses"][0]["title"]["en"] == "Secretary for Labour and Welfare"
    assert [s["party_id"] for s in detail["signatures"]] == ["hkte", "qianhai"]
    due = {m["id"]: m["due_date"] for m in detail["milestones"]}

    # follow-up: the fair done and confirmed; Qianhai's services report goes overdue
    for mou_id, partner in ((case.Q, "qianhai"), (case.N, "nansha")):
        await case.run(http, case.fair(mou_id, partner))
    services = f"{n}/milestones/talent-services-report"
    await http.call("POST", f"{services}/progress", "nansha", body={"status": "done", "note": "Filed on time"})
    await http.call("POST", f"{services}/progress", "hkte", body={"status": "done"}, expect=403)
    overdue_at = start_of_day(date.fromisoformat(due["talent-services-report"]) + timedelta(days=1))
    await time_env.sleep(overdue_at + timedelta(hours=1) - await time_env.get_current_time())
    page = await http.call("GET", "/mous?overdue=true", "hkte", MANAGER)
    assert [item["mou_id"] for item in page["items"]] == ["hkte-qianhai-2025"]
    report = await http.call("GET", "/reports/milestones", "hkte", MANAGER)
    assert {(line["mou_id"], line["milestone_id"]) for line in report["overdue"]} >= {
        ("hkte-qianhai-2025", "talent-services-report")
    }

    pdf = await api.get("/reports/milestones.pdf", headers=users.headers("hkte", MANAGER))
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert "Shenzhen Qianhai Cooperation Zone" in text and "Talent services progress report" in text
    assert "廣州南沙區" in text.replace(" ", "")
    assert (await api.get("/reports/milestones.pdf", headers=users.headers("qianhai", OFFICER))).status_code == 403
    # the report spans both MoUs: partners find it neither in a list nor by its id
    for party in ("qianhai", "nansha"):
        listed = (
            await api.get(f"{q if party == 'qianhai' else n}/documents", headers=users.headers(party, OFFICER))
        ).json()
        assert "progress_report" not in {d["kind"] for d in listed}
    etag = pdf.headers["etag"].strip('"')
    with_report = (await api.get(f"{q}/documents", headers=users.headers("hkte", MANAGER))).json()
    with_report += (await api.get(f"{n}/documents", headers=users.headers("hkte", MANAGER))).json()
    assert all(d["sha256"] != etag for d in with_report)

    # partners see only their own MoUs
    assert [i["mou_id"] for i in (await http.call("GET", "/mous", "nansha"))["items"]] == ["hkte-nansha-2025"]
    await http.call("GET", q, "nansha", expect=404)
    # and every action is in a verifiable audit chain, with the request it came from
    audit = await http.call("GET", f"{q}/audit?limit=500", "qianhai")
    assert {"started", "changes_requested", "signed", "milestone_confirmed", "milestone_overdue"} <= {
        e["what"] for e in audit
    }
    assert all(e["request_id"] for e in audit if e["actor_user_id"])
    assert (await http.call("GET", "/audit/verify", "hkte", MANAGER))["ok"] is True
