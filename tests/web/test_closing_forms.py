"""The MoU page's forms for closing an MoU and amending its milestones: offered only to whom the rules let
act, when they may; doing what the API does; a refusal shown next to its field, with the API's status and
words and what was typed kept, changing nothing."""

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from temporalio.testing import WorkflowEnvironment

from mouflow.documents.environment import TEMPLATES_DIR
from mouflow.domain.calendar import add_months
from mouflow.domain.enums import Role
from mouflow.translations import ZH_HANT
from tests import symposium as case
from tests.ceremony import until
from tests.web.helpers import Page, Site, Visitor, users_fixture, web_fixture  # noqa: F401  the fixtures
from tests.web.test_forms import comparable, mou_page

MOU = "hkte-qianhai-2025"
TWIN = "hkte-qianhai-twin"  # driven through the API, to compare with
REASON = "The zone's talent scheme was restructured"


async def approved_with_a_ceremony(web: Site, time_env: WorkflowEnvironment, mou_id: str = MOU) -> None:
    """Approved by both parties, at a ceremony that has started: signatures are taken now."""
    await web.start(mou_id)
    for party in ("hkte", "qianhai"):
        await web.call("POST", f"/mous/{mou_id}/reviews", party, json={"version": 1, "decision": "approve"})
    at = await time_env.get_current_time() + timedelta(days=2)
    ceremony = case.ceremony(at).model_dump(mode="json", exclude={"actor", "request_id"})
    await web.call("POST", f"/mous/{mou_id}/ceremony", "hkte", json=ceremony)
    await until(at, time_env)


async def sign(web: Site, mou_id: str, party: str) -> None:
    signatory = case.SIGNATORIES[party].model_dump(mode="json")
    await web.call("POST", f"/mous/{mou_id}/signatures", party, json={"version": 1, "signatory": signatory})


async def in_force(web: Site, time_env: WorkflowEnvironment, mou_id: str = MOU) -> None:
    await approved_with_a_ceremony(web, time_env, mou_id)
    for party in ("hkte", "qianhai"):
        await sign(web, mou_id, party)


async def api_answer(web: Site, path: str, party: str, body: dict[str, Any]) -> Any:
    """The API's answer to the same request the form refused: the page must give the same status and words."""
    return await web.api.post(path, json=body, headers=web.users.headers(party, Role.OFFICER))


def buttons(page: Page) -> set[str]:
    return {element_id for element_id in page.texts if element_id.startswith("do-")}


async def test_only_the_owners_officer_may_withdraw_before_signing_as_the_api_does(web: Site) -> None:
    for mou_id in (MOU, TWIN):
        await web.start(mou_id)
    hkte, qianhai = await web.signed_in("hkte"), await web.signed_in("qianhai")
    manager = await web.signed_in("hkte", Role.MANAGER)
    assert "form-withdraw" not in await mou_page(qianhai)  # a partner does not withdraw the owner's MoU
    assert "form-withdraw" not in await mou_page(manager)  # managers audit, they do not act
    form = (await mou_page(hkte))["form-withdraw"]

    refused = await hkte.post(form, {"reason": "   "})
    api = await api_answer(web, f"/mous/{MOU}/withdrawal", "hkte", {"reason": "   "})
    assert refused.status == api.status_code == 422
    assert refused.text("error") == api.json()["detail"] == refused.text("error-withdraw-reason")
    assert (await web.detail(MOU))["stage"] == "in_review"  # unchanged

    done = await hkte.post(form, {"reason": REASON})
    assert done.status == 303 and done.response.headers["location"] == f"/web/mous/{MOU}?done=withdraw"
    await web.call("POST", f"/mous/{TWIN}/withdrawal", "hkte", json={"reason": REASON})
    by_web, by_api = await web.detail(MOU), await web.detail(TWIN)
    assert by_web["stage"] == "withdrawn" and comparable(by_web) == comparable(by_api)
    assert await web.audit(MOU) == await web.audit(TWIN)
    assert "form-withdraw" not in await mou_page(hkte)  # closed: nothing more to do


async def test_each_party_gives_notice_once_and_all_consent_to_end_it_by_agreement(
    web: Site, time_env: WorkflowEnvironment
) -> None:
    await in_force(web, time_env)
    hkte, qianhai = await web.signed_in("hkte"), await web.signed_in("qianhai")
    viewer = await web.signed_in("qianhai", Role.VIEWER)
    assert "form-terminate" not in await mou_page(viewer)
    page = await qianhai.get(f"/web/mous/{MOU}")
    assert {"do-give-notice", "do-consent-to-end"} <= buttons(page)

    refused = await qianhai.post(page.forms["form-terminate"], {"reason": "", "by": "notice"})
    assert refused.status == 422 and "reason" in refused.text("error-terminate-reason")
    assert (await web.detail(MOU))["termination_notice"] is None

    given = await qianhai.post(page.forms["form-terminate"], {"reason": REASON, "by": "notice"})
    assert given.status == 303
    status = await web.detail(MOU)
    assert status["stage"] == "in_force" and status["termination_notice"]["party_id"] == "qianhai"
    page = await hkte.get(f"/web/mous/{MOU}")
    assert "stays in force until it ends on" in page.text("termination-notice")
    assert "do-give-notice" not in buttons(page) and "do-consent-to-end" in buttons(page)  # one notice runs

    await hkte.post(page.forms["form-terminate"], {"reason": "Agreed with Qianhai", "by": "agreement"})
    page = await qianhai.get(f"/web/mous/{MOU}")
    assert "Hong Kong Talent Engage" in page.text("termination-consents")
    assert "do-consent-to-end" in buttons(page)
    assert (await qianhai.post(page.forms["form-terminate"], {"reason": "Agreed", "by": "agreement"})).status == 303
    status = await web.detail(MOU)
    assert status["stage"] == "terminated" and status["closure"]["way"] == "agreement"


async def test_the_owner_voids_a_partly_signed_mou_then_reopens_it(web: Site, time_env: WorkflowEnvironment) -> None:
    await approved_with_a_ceremony(web, time_env)
    hkte, qianhai = await web.signed_in("hkte"), await web.signed_in("qianhai")
    forms = await mou_page(hkte)
    assert "form-void" not in forms and "form-reopen" in forms  # nobody signed yet: reopening is open
    await sign(web, MOU, "qianhai")
    forms = await mou_page(hkte)
    assert "form-void" in forms and "form-reopen" not in forms  # a signature stands: void it first
    assert "form-void" not in await mou_page(qianhai)

    refused = await hkte.post(forms["form-void"], {"reason": ""})
    assert refused.status == 422 and refused.text("error-void-reason")
    assert len((await web.detail(MOU))["signatures"]) == 1

    assert (await hkte.post(forms["form-void"], {"reason": "Clause 4 must change"})).status == 303
    assert (await web.detail(MOU))["signatures"] == []
    forms = await mou_page(hkte)
    assert "form-void" not in forms
    assert (await hkte.post(forms["form-reopen"], {"reason": "Clause 4 must change"})).status == 303
    status = await web.detail(MOU)
    assert status["stage"] == "drafting" and status["approved_version"] is None
    assert {"signatures_voided", "reopened"} <= set(await web.audit(MOU))


def new_milestone(**changes: str | None) -> dict[str, str | None]:
    typed: dict[str, str | None] = {
        "new_id": "talent-forum",
        "new_title_en": "Joint talent forum",
        "new_title_zh": "聯合人才論壇",
        "new_owner": "qianhai",
        "new_offset_months": "6",
        "new_confirm": "yes",
        "reason": "Agreed at the annual review",
    }
    return typed | changes


async def test_the_owner_adds_a_milestone_and_bad_input_is_refused_next_to_its_field(
    web: Site, time_env: WorkflowEnvironment
) -> None:
    await in_force(web, time_env)
    hkte, qianhai = await web.signed_in("hkte"), await web.signed_in("qianhai")
    assert "form-amend" not in await mou_page(qianhai)  # the owner amends the plan
    form = (await mou_page(hkte))["form-amend"]
    before = await web.detail(MOU)
    term_end = date.fromisoformat(before["term"]["end_date"])
    bad = {
        "new-id": new_milestone(new_id="Talent Forum!"),
        "new-owner": new_milestone(new_owner="shenzhen-futian"),
        "new-due": new_milestone(new_offset_months=None, new_due_date=term_end.isoformat()),
        "reason": new_milestone(reason=""),
    }
    for field, typed in bad.items():
        refused = await hkte.post(form, typed)
        assert refused.status == 422, (field, refused.response.text)
        assert refused.text(f"error-amend-{field}") == refused.text("error"), field
        assert refused.forms["form-amend"]["new_title_zh"] == "聯合人才論壇"  # typed fields come back
    unknown_owner = await api_answer(
        web, f"/mous/{MOU}/milestones", "hkte", amend_body(owner_party_id="shenzhen-futian")
    )
    assert unknown_owner.status_code == 422
    assert (await web.detail(MOU))["milestones"] == before["milestones"]  # nothing changed

    assert (await hkte.post(form, new_milestone())).status == 303
    added = next(m for m in (await web.detail(MOU))["milestones"] if m["id"] == "talent-forum")
    effective = date.fromisoformat(before["term"]["effective_date"])
    assert added["due_date"] == add_months(effective, 6).isoformat()
    assert added["owner_party_id"] == "qianhai" and added["status"] == "pending"
    assert "milestones_amended" in await web.audit(MOU)


async def test_the_owner_reschedules_and_removes_a_milestone_and_bad_input_is_refused_next_to_its_field(
    web: Site, time_env: WorkflowEnvironment
) -> None:
    await in_force(web, time_env)
    hkte, qianhai = await web.signed_in("hkte"), await web.signed_in("qianhai")
    assert "form-change-milestone" not in await mou_page(qianhai)  # the owner amends the plan
    form = (await mou_page(hkte))["form-change-milestone"]
    before = await web.detail(MOU)
    fair = next(m for m in before["milestones"] if m["id"] == "joint-recruitment-fair")
    term_end = date.fromisoformat(before["term"]["end_date"])
    moved = date.fromisoformat(fair["due_date"]) + timedelta(days=14)
    typed = {"change_milestone": fair["id"], "change_due_date": moved.isoformat(), "reason": "The venue moved"}
    bad = {
        "change-due-date": typed | {"change": "reschedule", "change_due_date": term_end.isoformat()},
        "change-milestone": typed | {"change": "remove", "change_milestone": "no-such-milestone"},
        "reason": typed | {"change": "reschedule", "reason": ""},
    }
    for field, fields in bad.items():
        refused = await hkte.post(form, fields)
        assert refused.status in {404, 422}, (field, refused.response.text)
        assert refused.text(f"error-change-{field}") == refused.text("error"), field
    assert (await web.detail(MOU))["milestones"] == before["milestones"]  # nothing changed

    assert (await hkte.post(form, typed | {"change": "reschedule"})).status == 303
    after = {m["id"]: m for m in (await web.detail(MOU))["milestones"]}
    assert after[fair["id"]]["due_date"] == moved.isoformat()
    form = (await mou_page(hkte))["form-change-milestone"]
    assert (await hkte.post(form, typed | {"change": "remove", "reason": "Merged into the forum"})).status == 303
    assert fair["id"] not in {m["id"] for m in (await web.detail(MOU))["milestones"]}
    audit = await web.audit(MOU)
    assert "milestone_rescheduled" in audit and "milestone_removed" in audit


def amend_body(**changes: Any) -> dict[str, Any]:
    item = {
        "id": "talent-forum",
        "title": {"en": "Forum", "zh": "論壇"},
        "owner_party_id": "qianhai",
        "offset_months": 6,
    }
    return {"milestones": [item | changes], "reason": "Agreed"}


def test_every_word_of_the_closing_forms_has_chinese_words() -> None:
    template = Path(TEMPLATES_DIR / "web" / "_closing_forms.html").read_text()
    words = set(re.findall(r'\bt\("([^"]+)"\)', template))
    labels = set(re.findall(r'reason_field\("\w+", "([^"]+)"\)', template))  # the macro translates its label
    assert len(words) > 20 and labels
    assert words | labels <= set(ZH_HANT), sorted((words | labels) - set(ZH_HANT))
