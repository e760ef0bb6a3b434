"""Signing in and out of the web pages with an API token: the cookie, the stored session, CSRF on the
sign-in form, and no open redirect."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import Role
from mouflow.store.access_tables import UserRow
from mouflow.store.db import session_scope
from mouflow.store.web_tables import WebSessionRow
from tests.web.helpers import Site, users_fixture, web_fixture  # noqa: F401  the fixtures users and web


async def test_a_bad_token_shows_the_form_again_without_a_session(web: Site) -> None:
    visitor = await web.visitor()
    form = (await visitor.get("/web/login")).forms["/web/login"]
    page = await visitor.post(form, {"token": "mf_not-a-token"})
    assert page.status == 401
    assert page.text("error") == "the token is not valid"
    assert "mouflow_session" not in page.response.headers.get("set-cookie", "")
    assert "mouflow_session" not in visitor.client.cookies


async def test_a_good_token_opens_a_session_in_a_locked_down_cookie(web: Site) -> None:
    visitor = await web.visitor()
    form = (await visitor.get("/web/login?next=/web/inbox")).forms["/web/login"]
    assert form["next"] == "/web/inbox"
    page = await visitor.post(form, {"token": web.users.token("qianhai", Role.OFFICER)})
    assert page.status == 303 and page.response.headers["location"] == "/web/inbox"
    cookie = next(c for c in page.response.headers.get_list("set-cookie") if c.startswith("mouflow_session="))
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite", "path"} <= attributes.keys()
    assert attributes["samesite"].lower() == "samesite=lax" and attributes["path"] == "Path=/web"
    assert "secure" not in attributes  # plain http here; https gets Secure
    inbox = await visitor.get("/web/inbox")
    assert inbox.status == 200 and "· Shenzhen Qianhai Cooperation Zone ·" in inbox.text("who")


async def test_a_deactivated_users_session_stops_working(web: Site, sessions: sessionmaker[Session]) -> None:
    visitor = await web.signed_in("qianhai")
    assert (await visitor.get("/web/mous")).status == 200
    with session_scope(sessions) as session:
        session.execute(update(UserRow).where(UserRow.party_id == "qianhai").values(active=False))
    page = await visitor.get("/web/mous")
    assert page.status == 303 and page.response.headers["location"].startswith("/web/login")


async def test_signing_out_deletes_the_stored_session(web: Site, sessions: sessionmaker[Session]) -> None:
    visitor = await web.signed_in("hkte")
    cookie = visitor.session_cookie
    page = await visitor.get("/web/mous")
    sign_out = page.forms["/web/logout"]
    refused = await visitor.post(sign_out, {"csrf_token": None})
    assert refused.status == 403 and (await visitor.get("/web/mous")).status == 200  # still signed in

    done = await visitor.post(sign_out)
    assert done.status == 303 and done.response.headers["location"] == "/web/login"
    with session_scope(sessions) as session:
        assert session.scalar(select(func.count()).select_from(WebSessionRow)) == 0
    replay = await web.visitor()
    replay.client.cookies.set("mouflow_session", cookie, domain="mouflow.test", path="/web")
    assert (await replay.get("/web/mous")).status == 303


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example", "/\\evil.example", "/web\\..\\evil", "javascript:x", "/mous"]
)
async def test_sign_in_never_sends_you_off_the_pages(web: Site, target: str) -> None:
    visitor = await web.visitor()
    form = (await visitor.get("/web/login", params={"next": target})).forms["/web/login"]
    assert form["next"] == "/web/mous"
    page = await visitor.post(form, {"next": target, "token": web.users.token("hkte", Role.VIEWER)})
    assert page.status == 303 and page.response.headers["location"] == "/web/mous"


@pytest.mark.parametrize(
    "changes, headers",
    [
        ({"csrf_token": None}, {}),
        ({"csrf_token": "not-the-cookie"}, {}),
        ({}, {"Sec-Fetch-Site": "cross-site"}),
        ({}, {"Origin": "http://evil.example"}),
    ],
    ids=["no-field", "wrong-field", "cross-site", "other-origin"],
)
async def test_the_sign_in_form_needs_its_own_csrf_token(
    web: Site, changes: dict[str, str | None], headers: dict[str, str]
) -> None:
    visitor = await web.visitor()
    form = (await visitor.get("/web/login")).forms["/web/login"]
    page = await visitor.post(form, {"token": web.users.token("hkte", Role.OFFICER), **changes}, headers=headers)
    assert page.status == 403 and "mouflow_session" not in visitor.client.cookies


async def test_the_sign_in_form_needs_its_cookie(web: Site) -> None:
    fetched = await web.visitor()
    form = (await fetched.get("/web/login")).forms["/web/login"]
    stranger = await web.visitor()  # the form's token, but not the cookie that goes with it
    page = await stranger.post(form, {"token": web.users.token("hkte", Role.OFFICER)})
    assert page.status == 403 and "mouflow_session" not in stranger.client.cookies


async def test_a_page_asks_a_stranger_to_sign_in_and_comes_back(web: Site) -> None:
    visitor = await web.visitor()
    page = await visitor.get("/web/mous?q=talent&stage=in_review")
    assert page.status == 303
    assert page.response.headers["location"] == "/web/login?next=%2Fweb%2Fmous%3Fq%3Dtalent%26stage%3Din_review"
    form = (await visitor.get(page.response.headers["location"])).forms["/web/login"]
    back = await visitor.post(form, {"token": web.users.token("nansha", Role.VIEWER)})
    assert back.response.headers["location"] == "/web/mous?q=talent&stage=in_review"
    assert (await visitor.get("/web/mous?q=talent&stage=in_review")).status == 200


async def test_a_form_posted_after_the_session_ended_comes_back_to_its_page(
    web: Site, sessions: sessionmaker[Session]
) -> None:
    await web.start("hkte-qianhai-2025")
    visitor = await web.signed_in("qianhai")
    form = (await visitor.get("/web/mous/hkte-qianhai-2025")).forms["form-review"]
    with session_scope(sessions) as session:
        session.execute(update(WebSessionRow).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    page_url = "http://mouflow.test/web/mous/hkte-qianhai-2025?done=submit"
    posted = await visitor.post(form, {"decision": "approve"}, headers={"Referer": page_url})
    assert posted.status == 303  # sign in again, then back to the page: never a GET of the form's action
    assert posted.response.headers["location"] == "/web/login?next=%2Fweb%2Fmous%2Fhkte-qianhai-2025"
    elsewhere = await visitor.post(form, {"decision": "approve"}, headers={"Referer": "https://evil.example/web/x"})
    assert elsewhere.response.headers["location"] == "/web/login?next=%2Fweb%2Fmous"
    assert (await web.detail("hkte-qianhai-2025"))["awaiting_review"] == ["hkte", "qianhai"]
