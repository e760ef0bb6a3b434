"""The MoU page's forms: the same Updates as the API, refused with the API's status and words, answered
once per form, and only from the session's own pages."""

import asyncio
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from temporalio.testing import WorkflowEnvironment

from mouflow.domain.calendar import start_of_day
from mouflow.domain.clock import RENEWAL_NOTICE_DAYS
from mouflow.domain.enums import Role
from tests import symposium as case
from tests.ceremony import until
from tests.web.helpers import BASE_URL, CONTENT, Site, Visitor, users_fixture, web_fixture  # noqa: F401  the fixtures

MOU = "hkte-qianhai-2025"
TWIN = "hkte-qianhai-twin"  # driven through the API, to compare with
CHANGES = "Add a clause on talent services"


def comparable(value: Any) -> Any:
    """An MoU's JSON without what two MoUs started at different moments cannot share: ids and times."""
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items() if key not in {"mou_id", "id"}}
    if isinstance(value, list):
        return [comparable(item) for item in value]
    if isinstance(value, str):
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return value.replace(TWIN, MOU)
        return "<time>" if "T" in value else value
    return value


async def hold_ceremony(web: Site, time_env: WorkflowEnvironment) -> None:
    """Schedule the ceremony two days ahead and skip to its start: signatures are taken from then."""
    at = await time_env.get_current_time() + timedelta(days=2)
    ceremony = case.ceremony(at).model_dump(mode="json", exclude={"actor", "request_id"})
    await web.call("POST", f"/mous/{MOU}/ceremony", "hkte", json=ceremony)
    await until(at, time_env)


async def mou_page(visitor: Visitor, mou_id: str = MOU) -> dict[str, dict[str, str]]:
    page = await visitor.get(f"/web/mous/{mou_id}")
    assert page.status == 200, page.response.text
    return page.forms


async def test_submit_and_review_change_the_mou_as_the_api_does(web: Site) -> None:
    for mou_id in (MOU, TWIN):
        await web.start(mou_id, submit=False)
    hkte, qianhai = await web.signed_in("hkte"), await web.signed_in("qianhai")

    submitted = await hkte.post((await mou_page(hkte))["form-submit"], {"review_days": "10"})
    assert submitted.status == 303 and submitted.response.headers["location"] == f"/web/mous/{MOU}?done=submit"
    assert (await hkte.get(submitted.response.headers["location"])).text("notice") == "Saved."
    await web.call("POST", f"/mous/{TWIN}/submit", "hkte", json={"version": 1, "review_days": 10})

    approve = (await mou_page(hkte))["form-review"]
    assert (await hkte.post(approve, {"decision": "approve", "comment": "Agreed"})).status == 303
    await web.call(
        "POST", f"/mous/{TWIN}/reviews", "hkte", json={"version": 1, "decision": "approve", "comment": "Agreed"}
    )
    changes = (await mou_page(qianhai))["form-review"]
    assert (await qianhai.post(changes, {"decision": "request_changes", "comment": CHANGES})).status == 303
    body = {"version": 1, "decision": "request_changes", "comment": CHANGES}
    await web.call("POST", f"/mous/{TWIN}/reviews", "qianhai", json=body)

    by_web, by_api = await web.detail(MOU), await web.detail(TWIN)
    assert by_web["stage"] == "drafting" and by_web["review_round"]["reviews"]["qianhai"]["comment"] == CHANGES
    assert comparable(by_web) == comparable(by_api)
    assert await web.audit(MOU) == await web.audit(TWIN)


async def test_a_refused_review_shows_the_apis_words_and_status(web: Site) -> None:
    await web.start(MOU)
    qianhai = await web.signed_in("qianhai")
    form = (await mou_page(qianhai))["form-review"]
    page = await qianhai.post(form, {"decision": "request_changes", "comment": "  "})
    api = await web.api.post(
        f"/mous/{MOU}/reviews",
        json={"version": 1, "decision": "request_changes", "comment": "  "},
        headers=web.users.headers("qianhai", Role.OFFICER),
    )
    assert page.status == api.status_code == 422
    assert page.text("error") == api.json()["detail"]
    assert "form-review" in page.forms  # the page again, so the officer can add the comment
    assert (await web.detail(MOU))["awaiting_review"] == ["hkte", "qianhai"]  # unchanged


async def test_a_form_from_before_a_new_version_answers_409_like_the_api(web: Site) -> None:
    await web.start(MOU, submit=False)
    hkte = await web.signed_in("hkte")
    stale = (await mou_page(hkte))["form-submit"]
    await web.call("PUT", f"/mous/{MOU}/draft", "hkte", json={"base_version": 1, "content": CONTENT})
    page = await hkte.post(stale)
    api = await web.api.post(
        f"/mous/{MOU}/submit", json={"version": 1}, headers=web.users.headers("hkte", Role.OFFICER)
    )
    assert page.status == api.status_code == 409
    assert page.text("error") == api.json()["detail"]
    assert page.forms["form-submit"]["version"] == "2"  # the page again, offering the current version
    assert (await web.detail(MOU))["stage"] == "drafting"


async def test_the_same_form_posted_twice_reviews_once(web: Site) -> None:
    await web.start(MOU)
    hkte, qianhai = await web.signed_in("hkte"), await web.signed_in("qianhai")
    form = (await mou_page(qianhai))["form-review"]
    for _ in range(2):
        page = await qianhai.post(form, {"decision": "approve"})
        assert page.status == 303
    double_click = (await mou_page(hkte))["form-review"]
    pages = await asyncio.gather(*(hkte.post(double_click, {"decision": "approve"}) for _ in range(2)))
    assert [page.status for page in pages] == [303, 303]
    assert (await web.audit(MOU)).count("reviewed") == 2  # one per party
    assert (await web.detail(MOU))["stage"] == "ready_to_sign"


async def test_a_form_key_that_is_not_ours_is_refused(web: Site) -> None:
    await web.start(MOU)
    qianhai = await web.signed_in("qianhai")
    form = (await mou_page(qianhai))["form-review"]
    for key in (None, "", "not-a-key", "A" * 32, form["form_key"] + "0"):
        page = await qianhai.post(form, {"decision": "approve", "form_key": key})
        assert page.status == 422 and "form_key" in page.text("error")
    assert (await web.detail(MOU))["awaiting_review"] == ["hkte", "qianhai"]


@pytest.mark.parametrize(
    "csrf, headers",
    [
        ("missing", {}),
        ("other-session", {}),
        ("own", {"Sec-Fetch-Site": "cross-site"}),
        ("own", {"Origin": "http://evil.example"}),  # the right token, and no Sec-Fetch-Site to say so
        ("own", {"Origin": "null"}),
    ],
    ids=["no-token", "another-sessions-token", "cross-site", "other-origin", "opaque-origin"],
)
async def test_a_form_not_from_this_sessions_pages_is_refused(web: Site, csrf: str, headers: dict[str, str]) -> None:
    await web.start(MOU)
    qianhai, other = await web.signed_in("qianhai"), await web.signed_in("qianhai")
    form = (await mou_page(qianhai))["form-review"]
    token = {"missing": None, "other-session": (await mou_page(other))["form-review"]["csrf_token"], "own": None}
    changes = {"decision": "approve", "csrf_token": token[csrf]} if csrf != "own" else {"decision": "approve"}
    page = await qianhai.post(form, changes, headers=headers)
    assert page.status == 403
    assert (await web.detail(MOU))["awaiting_review"] == ["hkte", "qianhai"]
    assert "reviewed" not in await web.audit(MOU)


async def test_signing_reporting_and_confirming_through_the_forms(web: Site, time_env: WorkflowEnvironment) -> None:
    await web.start(MOU)
    for party in ("hkte", "qianhai"):
        await web.call("POST", f"/mous/{MOU}/reviews", party, json={"version": 1, "decision": "approve"})
    await hold_ceremony(web, time_env)
    hkte, qianhai = await web.signed_in("hkte"), await web.signed_in("qianhai")
    for visitor, party in ((hkte, "hkte"), (qianhai, "qianhai")):
        signatory = case.SIGNATORIES[party]
        fields = {"name_en": signatory.name_en, "title_en": signatory.title_en, "name_zh": signatory.name_zh or ""}
        assert (await visitor.post((await mou_page(visitor))["form-sign"], fields)).status == 303
    assert [s["party_id"] for s in (await web.detail(MOU))["signatures"]] == ["hkte", "qianhai"]

    fair = "joint-recruitment-fair"
    assert f"form-confirm-{fair}" not in await mou_page(qianhai)  # nothing to confirm before it is done
    report = (await mou_page(hkte))[f"form-progress-{fair}"]
    assert (await hkte.post(report, {"status": "done", "note": "1,200 attended"})).status == 303
    assert f"form-progress-{fair}" not in await mou_page(hkte)
    assert f"form-confirm-{fair}" not in await mou_page(hkte)  # the owner does not confirm its own
    confirm = (await mou_page(qianhai))[f"form-confirm-{fair}"]
    assert (await qianhai.post(confirm, {"note": "Verified"})).status == 303
    milestone = next(m for m in (await web.detail(MOU))["milestones"] if m["id"] == fair)
    assert milestone["status"] == "done" and milestone["confirmed"]
    assert f"form-confirm-{fair}" not in await mou_page(qianhai)


async def test_each_party_decides_on_renewal_through_the_form_once_the_notice_went_out(
    web: Site, time_env: WorkflowEnvironment
) -> None:
    await web.start(MOU)
    for party in ("hkte", "qianhai"):
        await web.call("POST", f"/mous/{MOU}/reviews", party, json={"version": 1, "decision": "approve"})
    await hold_ceremony(web, time_env)
    for party in ("hkte", "qianhai"):
        signatory = case.SIGNATORIES[party].model_dump(mode="json")
        await web.call("POST", f"/mous/{MOU}/signatures", party, json={"version": 1, "signatory": signatory})
    hkte, qianhai = await web.signed_in("hkte"), await web.signed_in("qianhai")
    assert "form-renewal" not in await mou_page(hkte)  # nobody is asked before the notice

    term_end = date.fromisoformat((await web.detail(MOU))["term"]["end_date"])
    notice = start_of_day(term_end - timedelta(days=RENEWAL_NOTICE_DAYS)) + timedelta(days=1)
    await time_env.sleep(notice - await time_env.get_current_time())
    assert (await web.detail(MOU))["term"]["renewal_notice_sent"]
    for visitor in (hkte, qianhai):
        form = (await mou_page(visitor))["form-renewal"]
        assert (await visitor.post(form, {"renew": "true", "comment": "Good results"})).status == 303
        assert "form-renewal" not in await mou_page(visitor)
    assert (await web.detail(MOU))["term"]["renewal_decisions"] == {"hkte": True, "qianhai": True}


async def test_a_form_from_this_sites_own_origin_goes_through(web: Site) -> None:
    await web.start(MOU)
    qianhai = await web.signed_in("qianhai")
    form = (await mou_page(qianhai))["form-review"]
    page = await qianhai.post(form, {"decision": "approve"}, headers={"Origin": BASE_URL})
    assert page.status == 303, page.response.text


async def test_behind_a_proxy_the_public_address_is_this_sites_origin(web: Site) -> None:
    """A proxy may pass the request on under a Host of its own: MOUFLOW_PUBLIC_URL's host is ours too."""
    await web.start(MOU)
    qianhai = await web.signed_in("qianhai")
    form = (await mou_page(qianhai))["form-review"]
    settings = web.transport.app.state.settings  # type: ignore[attr-defined]
    web.transport.app.state.settings = settings.model_copy(update={"public_url": "https://mouflow.hkte.example"})  # type: ignore[attr-defined]
    try:
        page = await qianhai.post(form, {"decision": "approve"}, headers={"Origin": "https://mouflow.hkte.example"})
    finally:
        web.transport.app.state.settings = settings  # type: ignore[attr-defined]
    assert page.status == 303, page.response.text


@pytest.mark.parametrize("typed", ["a comment\x00", "a comment \u202e"])
async def test_a_control_character_or_bidi_override_in_a_form_is_refused(web: Site, typed: str) -> None:
    await web.start(MOU)
    qianhai = await web.signed_in("qianhai")
    form = (await mou_page(qianhai))["form-review"]
    page = await qianhai.post(form, {"decision": "request_changes", "comment": typed})
    assert page.status == 422 and "control character" in page.text("error"), page.response.text
    assert (await web.detail(MOU))["awaiting_review"] == ["hkte", "qianhai"]  # nothing kept
