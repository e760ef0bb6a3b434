"""My party: the calendar feed and the webhooks, through the page's forms, allowed and refused as the API is."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from mouflow.domain.enums import Role
from mouflow.store.db import session_scope
from mouflow.store.notify_tables import DeliveryAttemptRow, DeliveryRow, NotificationRow
from tests.web.helpers import Page, Site, Visitor, users_fixture, web_fixture  # noqa: F401  the fixtures

HOOKS = "/parties/hkte/webhooks"
URL = "https://hooks.hkte.example/mouflow"
MOU = "hkte-qianhai-2025"


async def party_page(visitor: Visitor) -> Page:
    page = await visitor.get("/web/party")
    assert page.status == 200, page.response.text
    return page


async def add_webhook(visitor: Visitor, url: str, events: list[str]) -> Page:
    form = (await party_page(visitor)).forms["form-add-webhook"]
    data = {"csrf_token": form["csrf_token"], "url": url, "events": events}
    return Page(await visitor.client.post(form["_action"], data=data))


async def test_a_feed_issued_on_the_page_serves_and_rotating_retires_the_old_one(web: Site) -> None:
    hkte = await web.signed_in("hkte")
    issued = await hkte.post((await party_page(hkte)).forms["form-calendar"])
    assert issued.status == 200 and issued.response.headers["cache-control"] == "no-store"
    first = issued.text("feed-url")
    assert first.startswith("http://mouflow.test/calendars/mfcal_") and "password" in issued.text("feed-issued")
    assert (await web.api.get(first)).headers["content-type"] == "text/calendar; charset=utf-8"
    assert "feed-url" not in (await party_page(hkte)).texts  # shown once

    second = (await hkte.post((await party_page(hkte)).forms["form-calendar"])).text("feed-url")
    assert second != first and (await web.api.get(second)).status_code == 200
    assert (await web.api.get(first)).status_code == 404
    audit = await web.call("GET", "/audit", "hkte", Role.MANAGER)
    assert [e["what"] for e in audit].count("calendar_feed_issued") == 2


async def test_a_webhook_added_shows_its_secret_once_and_is_removed(web: Site) -> None:
    hkte = await web.signed_in("hkte", Role.MANAGER)
    added = await add_webhook(hkte, URL, ["signed", "in_force"])
    secret = added.text("webhook-secret")
    assert added.status == 200 and secret.startswith("whsec_")
    [hook] = await web.call("GET", HOOKS, "hkte")
    assert hook["url"] == URL and hook["events"] == ["in_force", "signed"]

    listed = await party_page(hkte)
    assert secret not in listed.response.text and URL in listed.text(f"webhook-{hook['id']}")
    rotated = await hkte.post(listed.forms[f"form-rotate-{hook['id']}"])
    new_secret = rotated.text("rotated-secret")
    assert rotated.status == 200 and new_secret.startswith("whsec_") and new_secret != secret
    listed = await party_page(hkte)
    assert new_secret not in listed.response.text  # shown that once
    removed = await hkte.post(listed.forms[f"form-remove-{hook['id']}"])
    assert removed.status == 303 and removed.response.headers["location"] == "/web/party?done=removed"
    after = await hkte.get("/web/party?done=removed")
    assert after.text("notice") == "Removed." and "no-webhooks" in after.texts
    assert await web.call("GET", HOOKS, "hkte") == []
    assert [e["what"] for e in await web.call("GET", "/audit", "hkte", Role.MANAGER)].count("webhook_removed") == 1


async def test_a_bad_webhook_is_refused_with_the_apis_words(web: Site) -> None:
    hkte = await web.signed_in("hkte")
    for url, events in (("ftp://hooks.hkte.example", []), (URL, ["signed", "lunch"])):
        page = await add_webhook(hkte, url, events)
        api = await web.api.post(
            HOOKS, json={"url": url, "events": events}, headers=web.users.headers("hkte", Role.OFFICER)
        )
        assert page.status == api.status_code == 422
        assert page.text("error") == api.json()["detail"]
        assert page.forms["form-add-webhook"]["url"] == url  # shown again as typed
    assert await web.call("GET", HOOKS, "hkte") == []


async def test_deliveries_show_with_their_attempts(web: Site, sessions: sessionmaker[Session]) -> None:
    await web.start(MOU, submit=False)
    hook = await web.call("POST", HOOKS, "hkte", json={"url": URL})
    record_delivery(sessions, hook["id"])
    shown = (await party_page(await web.signed_in("hkte"))).text(f"webhook-{hook['id']}")
    assert "submitted for review" in shown and "HTTP 503" in shown and "HTTP 200" in shown
    assert "1 Mar 2025 18:00 HKT" in shown and "connection reset" in shown


EVENT_WORDS = {
    "en": ("submitted for review", "milestone due soon"),
    "zh-Hant": ("已提交審閱", "里程碑即將到期"),
    "zh-Hans": ("已提交审阅", "里程碑即将到期"),
}


@pytest.mark.parametrize("language", sorted(EVENT_WORDS))
async def test_webhook_events_are_named_in_the_readers_words_and_sent_as_codes(
    web: Site, sessions: sessionmaker[Session], language: str
) -> None:
    await web.start(MOU, submit=False)
    hook = await web.call("POST", HOOKS, "hkte", json={"url": URL, "events": ["milestone_due_soon"]})
    record_delivery(sessions, hook["id"])
    hkte = await web.signed_in("hkte")
    await hkte.get(f"/web/language/{language}")
    page = await party_page(hkte)
    submitted, due_soon = EVENT_WORDS[language]
    assert f'value="submitted_for_review"> {submitted}</label>' in page.response.text
    assert page.text("form-add-webhook").count("_") == 0  # every event in words, none as its code
    shown = page.text(f"webhook-{hook['id']}")
    assert due_soon in shown and submitted in shown and "_" not in shown
    added = await add_webhook(hkte, URL + "/2", ["submitted_for_review"])
    assert added.status == 200 and (await web.call("GET", HOOKS, "hkte"))[1]["events"] == ["submitted_for_review"]


def record_delivery(sessions: sessionmaker[Session], webhook_id: str) -> None:
    at = datetime(2025, 3, 1, 10, 0, tzinfo=UTC)
    with session_scope(sessions) as session:
        note = NotificationRow(
            id="n-1", mou_id=MOU, seq=1, type="submitted_for_review", payload={}, created_at=at, dispatched_at=at
        )
        session.add(note)
        session.flush()  # no relationship orders the inserts: the rows they refer to go first
        delivery = DeliveryRow(
            id=f"n-1.webhook.{webhook_id}", notification_id="n-1", channel="webhook", target=webhook_id,
            status="delivered", attempts=2, created_at=at, delivered_at=at + timedelta(seconds=5),
        )  # fmt: skip
        session.add(delivery)
        session.flush()
        for attempt, (code, error) in enumerate([(503, "connection reset"), (200, None)], start=1):
            session.add(
                DeliveryAttemptRow(
                    delivery_id=delivery.id, attempt=attempt, at=at + timedelta(seconds=5 * (attempt - 1)),
                    status_code=code, error=error, duration_ms=40,
                )
            )  # fmt: skip


async def test_a_viewer_sees_the_page_without_forms_and_cannot_post(web: Site) -> None:
    await web.call("POST", HOOKS, "hkte", json={"url": URL})
    viewer = await web.signed_in("hkte", Role.VIEWER)
    page = await party_page(viewer)
    assert set(page.forms) == {"/web/logout"} and "read-only" in page.texts and URL not in page.response.text
    officer_form = (await party_page(await web.signed_in("hkte"))).forms["form-calendar"]
    refused = await viewer.post(officer_form, {"csrf_token": page.forms["/web/logout"]["csrf_token"]})
    assert refused.status == 403 and "officer or manager" in refused.text("error")


async def test_a_form_without_its_csrf_token_is_refused(web: Site) -> None:
    hkte = await web.signed_in("hkte")
    forms = (await party_page(hkte)).forms
    assert (await hkte.post(forms["form-calendar"], {"csrf_token": None})).status == 403
    refused = await hkte.post(forms["form-add-webhook"], {"csrf_token": None, "url": URL})
    assert refused.status == 403 and await web.call("GET", HOOKS, "hkte") == []


async def test_another_partys_webhook_is_not_found(web: Site) -> None:
    hook = await web.call("POST", HOOKS, "hkte", json={"url": URL})
    qianhai = await web.signed_in("qianhai")
    csrf = (await party_page(qianhai)).forms["form-calendar"]["csrf_token"]
    form = {"_action": f"/web/party/webhooks/{hook['id']}/remove", "csrf_token": csrf}
    page = await qianhai.post(form)
    assert page.status == 404 and hook["id"] in page.text("error")
    assert [h["id"] for h in await web.call("GET", HOOKS, "hkte")] == [hook["id"]]
