"""Calendars over HTTP: a party's feed follows its MoUs' ceremonies and milestones; one ceremony downloads."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
from icalendar import Calendar, Event
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from api.main import create_app
from mouflow.config import Settings
from mouflow.domain.actions import StartMou
from mouflow.domain.enums import Role
from mouflow.store.access_tables import PartyRow
from mouflow.store.db import session_scope
from tests import symposium as case
from tests.api.conftest import Users, make_users
from tests.ceremony import until
from tests.symposium import HttpDriver

Q, N = "/mous/hkte-qianhai-2025", "/mous/hkte-nansha-2025"
CEREMONY_UID = "hkte-qianhai-2025-ceremony@mouflow"


async def ready_to_sign(http: HttpDriver, mou: StartMou) -> None:
    partner = mou.partners[0].id
    steps = [case.start(mou), case.submit(mou.mou_id, 1), *(case.review(mou.mou_id, p, 1) for p in ("hkte", partner))]
    await case.run(http, steps)


async def schedule(http: HttpDriver, path: str, at: datetime) -> None:
    await http.do(case.schedule(path.removeprefix("/mous/"), at))


async def fetch(api: httpx.AsyncClient, url: str) -> dict[str, Event]:
    response = await api.get(url)  # no Authorization header, as a calendar app sends none
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["cache-control"] == "private, max-age=300"
    return {str(event["UID"]): event for event in Calendar.from_ical(response.content).events}


async def test_a_party_feed_follows_its_mous(
    api: httpx.AsyncClient, users: Users, time_env: WorkflowEnvironment
) -> None:
    http = HttpDriver(api, users)
    await ready_to_sign(http, case.QIANHAI_MOU)
    await ready_to_sign(http, case.NANSHA_MOU)
    missing = await api.get(f"{Q}/ceremony.ics", headers=users.headers("qianhai", Role.OFFICER))
    assert missing.status_code == 404 and "no signing ceremony" in missing.json()["detail"]

    at = (await time_env.get_current_time() + timedelta(days=2)).replace(microsecond=0)
    await schedule(http, Q, at)
    await schedule(http, N, at)
    link = await http.call("POST", "/parties/qianhai/calendar", "qianhai", expect=201)
    assert link["url"] == f"http://mouflow.test/calendars/{link['token']}.ics"
    first = await fetch(api, link["url"])
    assert set(first) == {CEREMONY_UID}  # nothing of the Nansha MoU, which Qianhai is not in
    assert first[CEREMONY_UID].start == at and first[CEREMONY_UID]["SEQUENCE"] == 0

    await schedule(http, Q, at + timedelta(days=1))
    moved = (await fetch(api, link["url"]))[CEREMONY_UID]
    assert moved.start == (at + timedelta(days=1)).astimezone(ZoneInfo("Asia/Hong_Kong"))
    assert moved["SEQUENCE"] == 1

    await until(at + timedelta(days=1), time_env)  # signatures are taken from the ceremony's start
    version = (await http.call("GET", Q, "qianhai"))["approved_version"]
    for party in ("hkte", "qianhai"):
        signatory = case.SIGNATORIES[party].model_dump(mode="json")
        await http.call("POST", f"{Q}/signatures", party, body={"version": version, "signatory": signatory})
    milestones = (await http.call("GET", Q, "qianhai"))["milestones"]
    in_force = await fetch(api, link["url"])
    expected = {f"hkte-qianhai-2025-{m['term_number']}-{m['id']}@mouflow": m["due_date"] for m in milestones}
    assert milestones and set(in_force) == {CEREMONY_UID, *expected}
    assert {uid: in_force[uid].start.isoformat() for uid in expected} == expected

    nansha = await http.call("POST", "/parties/nansha/calendar", "nansha", Role.MANAGER, expect=201)
    assert set(await fetch(api, nansha["url"])) == {"hkte-nansha-2025-ceremony@mouflow"}


async def test_rotating_a_feed_retires_the_old_url(api: httpx.AsyncClient, users: Users) -> None:
    http = HttpDriver(api, users)
    old = await http.call("POST", "/parties/qianhai/calendar", "qianhai", expect=201)
    feed = await api.get(old["url"])
    assert feed.status_code == 200 and "etag" in feed.headers
    again = await api.get(old["url"], headers={"If-None-Match": feed.headers["etag"]})
    assert again.status_code == 304
    new = await http.call("POST", "/parties/qianhai/calendar", "qianhai", Role.MANAGER, expect=201)
    assert new["token"] != old["token"]
    assert (await api.get(old["url"])).status_code == 404
    assert (await api.get(new["url"])).status_code == 200
    assert (await api.get("/calendars/mfcal_nothing.ics")).status_code == 404
    audit = await http.call("GET", "/audit", "hkte", Role.MANAGER)
    assert [e["what"] for e in audit if e["what"] == "calendar_feed_issued"] == ["calendar_feed_issued"] * 2
    assert all(old["token"] not in e["detail"] for e in audit)


async def test_who_may_issue_a_feed(api: httpx.AsyncClient, users: Users) -> None:
    http = HttpDriver(api, users)
    await http.call("POST", "/parties/qianhai/calendar", "qianhai", Role.VIEWER, expect=403)
    await http.call("POST", "/parties/qianhai/calendar", "nansha", Role.OFFICER, expect=404)
    await http.call("POST", "/parties/qianhai/calendar", "hkte", Role.MANAGER, expect=404)
    await http.call("POST", "/parties/qianhai/calendar", "qianhai", Role.ADMIN, expect=403)
    assert (await api.post("/parties/qianhai/calendar")).status_code == 401


async def test_a_ceremony_downloads_only_for_its_parties(
    api: httpx.AsyncClient, users: Users, time_env: WorkflowEnvironment
) -> None:
    http = HttpDriver(api, users)
    await ready_to_sign(http, case.QIANHAI_MOU)
    await schedule(http, Q, await time_env.get_current_time() + timedelta(days=3))
    response = await api.get(f"{Q}/ceremony.ics", headers=users.headers("qianhai", Role.VIEWER))
    assert response.status_code == 200 and response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="hkte-qianhai-2025-ceremony.ics"'
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH" and [str(e["UID"]) for e in calendar.events] == [CEREMONY_UID]
    assert "Signing ceremony: " in str(calendar.events[0]["SUMMARY"])
    for party in ("nansha", "macao-talent"):
        assert (await api.get(f"{Q}/ceremony.ics", headers=users.headers(party, Role.MANAGER))).status_code == 404
    assert (await api.get(f"{Q}/ceremony.ics")).status_code == 401


async def test_a_withdrawn_mou_cancels_its_ceremony_in_place(
    api: httpx.AsyncClient, users: Users, time_env: WorkflowEnvironment
) -> None:
    http = HttpDriver(api, users)
    await ready_to_sign(http, case.QIANHAI_MOU)
    await schedule(http, Q, await time_env.get_current_time() + timedelta(days=3))
    link = await http.call("POST", "/parties/hkte/calendar", "hkte", expect=201)
    assert str((await fetch(api, link["url"]))[CEREMONY_UID]["STATUS"]) == "CONFIRMED"
    await http.call("POST", f"{Q}/withdrawal", "hkte", body={"reason": "The partner's mandate lapsed"})
    cancelled = (await fetch(api, link["url"]))[CEREMONY_UID]
    assert str(cancelled["STATUS"]) == "CANCELLED" and cancelled["SEQUENCE"] == 1


async def test_a_configured_public_address_makes_the_feed_url_not_the_requests_host(
    sessions: sessionmaker[Session], temporal: WorkflowEnvironment
) -> None:
    users = make_users(sessions)
    settings = Settings(public_url="https://mouflow.hkte.example/")
    app = create_app(settings, sessions=sessions, temporal=temporal.client)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://internal-name:8000") as client:
        link = await HttpDriver(client, users).call("POST", "/parties/qianhai/calendar", "qianhai", expect=201)
    assert link["url"] == f"https://mouflow.hkte.example/calendars/{link['token']}.ics"


async def test_a_party_that_reads_simplified_gets_its_feed_in_simplified(
    api: httpx.AsyncClient, users: Users, time_env: WorkflowEnvironment, sessions: sessionmaker[Session]
) -> None:
    with session_scope(sessions) as session:
        session.execute(update(PartyRow).where(PartyRow.id == "qianhai").values(language="zh-Hans"))
    http = HttpDriver(api, users)
    await ready_to_sign(http, case.QIANHAI_MOU)
    await schedule(http, Q, await time_env.get_current_time() + timedelta(days=2))
    qianhai = await http.call("POST", "/parties/qianhai/calendar", "qianhai", expect=201)
    response = await api.get(qianhai["url"])
    ceremony = Calendar.from_ical(response.content).events[0]
    assert "签署仪式：香港人才服务办公室与深圳前海合作区人才合作谅解备忘录" in str(ceremony["SUMMARY"])
    assert "缔约方" in str(ceremony["DESCRIPTION"]) and "締約方" not in str(ceremony["DESCRIPTION"])
    assert "Signing ceremony: Memorandum of Understanding" in str(ceremony["SUMMARY"])  # English as it was
    hkte = await http.call("POST", "/parties/hkte/calendar", "hkte", expect=201)
    assert "簽署儀式：" in str(Calendar.from_ical((await api.get(hkte["url"])).content).events[0]["SUMMARY"])
