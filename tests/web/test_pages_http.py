"""The pages as a user reads them: who sees which MoU and which buttons, the headers every page carries,
and the interface language."""

import asyncio
import re
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from api.main import create_app
from mouflow.documents.storage import DiskStorage
from mouflow.domain.enums import Role
from tests.api.conftest import Users
from tests.conftest import TEST_SETTINGS, running_worker
from tests.web.helpers import BASE_URL, Page, Site, Visitor, users_fixture, web_fixture  # noqa: F401  the fixtures

Q, N = "hkte-qianhai-2025", "hkte-nansha-2025"


async def draft_document(web: Site, mou_id: str) -> str:
    """The draft PDF is rendered just after the submit: wait for it briefly."""
    for _ in range(300):
        listed = await web.call("GET", f"/mous/{mou_id}/documents", "hkte", Role.MANAGER)
        drafts = [d["document_id"] for d in listed if d["kind"] == "draft"]
        if drafts:
            return drafts[0]  # type: ignore[no-any-return]
        await asyncio.sleep(0.05)
    raise AssertionError(f"no draft of {mou_id} was rendered")


def listed(page: Page) -> set[str]:
    assert page.status == 200
    return set(re.findall(r'<tr data-mou="([^"]+)"', page.response.text))


async def test_every_page_carries_the_security_headers(web: Site) -> None:
    await web.start(Q)
    manager, stranger = await web.signed_in("hkte", Role.MANAGER), await web.visitor()
    pages = [await stranger.get("/web/login")]
    pages.append(await stranger.post(pages[0].forms["/web/login"], {"token": "wrong"}))
    for path in ("/web/mous", f"/web/mous/{Q}", "/web/inbox", "/web/dashboard", "/web/mous/nothing-here"):
        pages.append(await manager.get(path))
    pages.append(await manager.get("/web/mous?stage=bogus"))
    pages.append(await (await web.signed_in("hkte")).get("/web/dashboard"))
    assert [page.status for page in pages] == [200, 401, 200, 200, 200, 200, 404, 422, 403]
    for page in pages:
        headers = page.response.headers
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy and "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff" and headers["cache-control"] == "no-store"
        assert headers["content-type"].startswith("text/html") and "<script" not in page.response.text


async def test_a_partner_finds_no_trace_of_another_partners_mou(web: Site) -> None:
    await web.start(Q)
    await web.start(N, partner="nansha")
    document = await draft_document(web, Q)
    nansha = await web.signed_in("nansha")
    page = await nansha.get(f"/web/mous/{Q}")
    assert page.status == 404 and page.text("error") == f"there is no MoU '{Q}'"
    download = await nansha.get(f"/web/documents/{document}")
    assert download.status == 404 and download.response.headers["content-type"].startswith("text/html")
    assert download.text("error") == f"there is no document '{document}'"
    assert listed(await nansha.get("/web/mous")) == {N}
    assert listed(await nansha.get("/web/mous?party=qianhai")) == set()
    assert listed(await (await web.signed_in("hkte", Role.MANAGER)).get("/web/mous")) == {Q, N}
    pdf = await (await web.signed_in("qianhai", Role.VIEWER)).get(f"/web/documents/{document}")
    assert pdf.status == 200 and pdf.response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "party, role, forms",
    [
        ("qianhai", Role.VIEWER, set()),
        ("qianhai", Role.MANAGER, set()),
        ("hkte", Role.MANAGER, set()),
        ("qianhai", Role.OFFICER, {"form-review"}),
    ],
)
async def test_only_a_user_who_may_act_gets_forms(web: Site, party: str, role: Role, forms: set[str]) -> None:
    await web.start(Q)
    page = await (await web.signed_in(party, role)).get(f"/web/mous/{Q}")
    assert page.status == 200 and page.text("mou-title").startswith("Memorandum of Understanding")
    assert {form_id for form_id in page.forms if form_id.startswith("form-")} == forms
    assert ("no-actions" in page.texts) == (not forms)


async def test_while_no_worker_answers_the_page_shows_the_mou_without_forms_and_says_so(
    temporal: WorkflowEnvironment, task_queue: str, sessions: sessionmaker[Session], users: Users, tmp_path: Path
) -> None:
    """The forms need the workflow's own state; the rest of the page is the projection's, and stays."""
    storage = DiskStorage(tmp_path / "documents")
    app = create_app(
        TEST_SETTINGS.model_copy(update={"task_queue": task_queue}),
        sessions=sessions,
        temporal=temporal.client,
        storage=storage,
    )
    async with AsyncExitStack() as stack:
        transport = httpx.ASGITransport(app=app)
        api = await stack.enter_async_context(httpx.AsyncClient(transport=transport, base_url=BASE_URL))
        web = Site(transport, users, api, stack)
        async with running_worker(temporal.client, task_queue, sessions, storage):
            await web.start(Q)
            assert "form-review" in (await (await web.signed_in("qianhai")).get(f"/web/mous/{Q}")).forms
        page = await (await web.signed_in("qianhai")).get(f"/web/mous/{Q}")
    assert page.status == 200 and page.text("mou-title").startswith("Memorandum of Understanding")
    assert not [form_id for form_id in page.forms if form_id.startswith("form-")]
    assert "no-actions" not in page.texts and page.text("actions-unavailable").startswith("Actions are unavailable")


@pytest.mark.parametrize(
    "party, role, status",
    [
        ("nansha", Role.MANAGER, 403),
        ("hkte", Role.OFFICER, 403),
        ("qianhai", Role.VIEWER, 403),
        ("hkte", Role.MANAGER, 200),
    ],
)
async def test_the_dashboard_is_for_hong_kong_managers(web: Site, party: str, role: Role, status: int) -> None:
    visitor = await web.signed_in(party, role)
    page = await visitor.get("/web/dashboard")
    assert page.status == status
    assert ("nav-dashboard" in (await visitor.get("/web/mous")).texts) == (status == 200)


async def test_the_inbox_lists_what_waits_on_my_party(web: Site) -> None:
    await web.start(Q)
    await web.start(N, partner="nansha")
    page = await (await web.signed_in("qianhai")).get("/web/inbox")
    assert 'data-kind="review" data-mou="hkte-qianhai-2025"' in page.response.text
    assert N not in page.response.text
    await web.call("POST", f"/mous/{Q}/reviews", "qianhai", json={"version": 1, "decision": "approve"})
    assert "inbox-empty" in (await (await web.signed_in("qianhai", Role.VIEWER)).get("/web/inbox")).texts


async def test_choosing_chinese_keeps_it_in_a_cookie(web: Site) -> None:
    visitor = await web.signed_in("hkte")
    assert (await visitor.get("/web/mous")).text("nav-mous") == "MoUs"
    chosen = await visitor.get("/web/language/zh-Hant?next=/web/mous")
    assert chosen.status == 303 and chosen.response.headers["location"] == "/web/mous"
    cookie = chosen.response.headers["set-cookie"]
    assert cookie.startswith("mouflow_lang=zh-Hant;") and "Path=/web" in cookie
    page = await visitor.get("/web/mous")
    assert page.text("nav-mous") == "備忘錄" and '<html lang="zh-Hant">' in page.response.text
    assert (await visitor.get("/web/language/fr?next=/web/mous")).response.headers.get("set-cookie") is None
    assert (await visitor.get("/web/mous")).text("nav-mous") == "備忘錄"  # an unknown language changes nothing
    away = await visitor.get("/web/language/en?next=https://evil.example/")
    assert away.response.headers["location"] == "/web/mous"
    assert (await visitor.get("/web/mous")).text("nav-mous") == "MoUs"


@pytest.mark.parametrize(
    "accept, label",
    [("zh-HK,zh;q=0.9,en;q=0.8", "備忘錄"), ("zh-TW", "備忘錄"), ("en-GB,zh;q=0.5", "MoUs"), ("", "MoUs")],
)
async def test_the_browsers_language_is_the_default(web: Site, accept: str, label: str) -> None:
    visitor: Visitor = await web.signed_in("qianhai", headers={"Accept-Language": accept})
    assert (await visitor.get("/web/mous")).text("nav-mous") == label
    visitor.client.cookies.set("mouflow_lang", "en", domain="mouflow.test", path="/web")
    assert (await visitor.get("/web/mous")).text("nav-mous") == "MoUs"  # a choice beats the browser
