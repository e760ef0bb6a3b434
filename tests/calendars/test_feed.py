"""The feed's text, parsed back as a calendar app would read it."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from mouflow.calendars.feed import ceremony_file, party_feed
from mouflow.domain.enums import MilestoneStatus, Stage
from tests.calendars.factory import HKTE, TRICKY, ceremony, milestone, mou


def parse(text: bytes) -> Calendar:
    return Calendar.from_ical(text)


def by_uid(calendar: Calendar) -> dict[str, Event]:
    return {str(event["UID"]): event for event in calendar.events}


def test_a_feed_has_the_ceremony_and_each_milestone_under_stable_uids() -> None:
    calendar = parse(party_feed(party_id="hkte", party_name=HKTE, mous=[mou()]))
    events = by_uid(calendar)
    assert set(events) == {"hkte-qianhai-2025-ceremony@mouflow", "hkte-qianhai-2025-1-joint-fair@mouflow"}
    assert str(calendar["X-WR-CALNAME"]) == "MoUs 合作備忘錄 · Hong Kong Talent Engage / 香港人才服務辦公室"
    assert calendar.refresh_interval == timedelta(hours=1)
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT1H"
    assert str(calendar["METHOD"]) == "PUBLISH"


def test_the_ceremony_is_in_its_own_time_zone() -> None:
    event = by_uid(parse(party_feed(party_id="hkte", party_name=HKTE, mous=[mou()])))[
        "hkte-qianhai-2025-ceremony@mouflow"
    ]
    assert event.start == datetime(2025, 6, 3, 10, 30, tzinfo=ZoneInfo("Asia/Hong_Kong"))
    assert event.end - event.start == timedelta(hours=2)
    assert str(event["LOCATION"]) == "Central Government Offices, Tamar / 添馬政府總部"
    assert str(event["STATUS"]) == "CONFIRMED" and event["SEQUENCE"] == 0
    assert "Chris Sun / 孫玉菡, Secretary for Labour and Welfare" in str(event["DESCRIPTION"])
    assert "Shenzhen Qianhai Cooperation Zone / 深圳前海合作區" in str(event["DESCRIPTION"])


def test_the_feed_has_a_vtimezone_for_the_ceremony_zone_and_utc_for_an_unknown_one() -> None:
    text = party_feed(party_id="hkte", party_name=HKTE, mous=[mou()])
    assert [zone.tz_name for zone in parse(text).timezones] == ["Asia/Hong_Kong"]
    odd = mou(ceremony=ceremony(datetime(2025, 6, 3, 2, 30, tzinfo=UTC), time_zone="Mars/Olympus"))
    event = parse(ceremony_file(odd) or b"").events[0]
    assert event.start == datetime(2025, 6, 3, 2, 30, tzinfo=UTC)


def test_a_milestone_is_an_all_day_transparent_event_on_its_due_date() -> None:
    event = by_uid(parse(party_feed(party_id="hkte", party_name=HKTE, mous=[mou()])))[
        "hkte-qianhai-2025-1-joint-fair@mouflow"
    ]
    assert event.start == date(2025, 9, 30) and event.end == date(2025, 10, 1)
    assert str(event["TRANSP"]) == "TRANSPARENT" and event["SEQUENCE"] == 7
    assert str(event["SUMMARY"]).startswith("Joint fair, phase 1 / 聯合招聘會 · Talent, skills;")
    assert "Status 狀態: pending" in str(event["DESCRIPTION"])
    assert "Owner 負責方: Shenzhen Qianhai Cooperation Zone" in str(event["DESCRIPTION"])


def test_titles_are_escaped_and_cannot_add_properties_or_components() -> None:
    text = party_feed(party_id="hkte", party_name=HKTE, mous=[mou()])
    lines = text.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == 2 and lines.count(b"END:VEVENT") == 2
    assert b"Talent\\, skills\\; and\\nEND:VEVENT" in text
    events = parse(text).events
    assert all(str(event["SUMMARY"]).count(TRICKY.en) == 1 for event in events)
    assert "人才合作，技能；交流" in str(events[0]["SUMMARY"])


def test_done_and_overdue_milestones_are_marked() -> None:
    done, late = milestone("done", MilestoneStatus.DONE), milestone("late", overdue=True)
    events = by_uid(parse(party_feed(party_id="hkte", party_name=HKTE, mous=[mou(milestones=[done, late])])))
    assert str(events["hkte-qianhai-2025-1-done@mouflow"]["SUMMARY"]).startswith("[Done 已完成] ")
    assert str(events["hkte-qianhai-2025-1-late@mouflow"]["SUMMARY"]).startswith("[Overdue 逾期] ")
    assert "overdue" in str(events["hkte-qianhai-2025-1-late@mouflow"]["DESCRIPTION"])


def test_a_moved_ceremony_keeps_its_uid_with_a_higher_sequence() -> None:
    moved = mou(ceremony=ceremony(datetime(2025, 6, 10, 2, 0, tzinfo=UTC)), ceremonies_scheduled=2)
    event = parse(ceremony_file(moved) or b"").events[0]
    assert str(event["UID"]) == "hkte-qianhai-2025-ceremony@mouflow" and event["SEQUENCE"] == 1
    assert event.start == datetime(2025, 6, 10, 10, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))


def test_a_withdrawn_mou_cancels_its_ceremony() -> None:
    closed = datetime(2025, 6, 2, tzinfo=UTC)
    withdrawn = mou(stage=Stage.WITHDRAWN, executed=False, closed_at=closed, milestones=[])
    event = parse(ceremony_file(withdrawn) or b"").events[0]
    assert str(event["STATUS"]) == "CANCELLED" and event["SEQUENCE"] == 1
    assert event["LAST-MODIFIED"].dt == closed


def test_the_same_data_gives_the_same_bytes() -> None:
    assert party_feed(party_id="hkte", party_name=HKTE, mous=[mou()]) == party_feed(
        party_id="hkte", party_name=HKTE, mous=[mou()]
    )


def test_no_ceremony_no_file_and_an_empty_feed_is_still_a_calendar() -> None:
    assert ceremony_file(mou(ceremony=None)) is None
    calendar = parse(party_feed(party_id="hkte", party_name=HKTE, mous=[]))
    assert calendar.events == [] and str(calendar["VERSION"]) == "2.0"


def test_an_entry_past_the_end_of_the_calendar_is_left_out_not_the_feed() -> None:
    """Stored before dates had windows: a ceremony at 9999-12-31 23:00 once made the whole feed a 500."""
    late = mou(ceremony=ceremony(datetime(9999, 12, 31, 15, 0, tzinfo=UTC)))
    feed = party_feed(party_id="hkte", party_name=HKTE, mous=[late])
    assert b"BEGIN:VCALENDAR" in feed and b"Signing ceremony" not in feed
    assert b"BEGIN:VEVENT" in feed  # the milestone is still there
