"""A VCALENDAR around the events: the party's subscribable feed, or one ceremony to download.

The text depends only on the projection (no clock, no random calendar UID), so the same data gives the
same bytes and the route can answer a calendar app's If-None-Match with 304.
"""

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from icalendar import Calendar, Component, Event
from icalendar.prop import vDuration

from mouflow.calendars.events import DOMAIN, both, ceremony_event, mou_events
from mouflow.calendars.models import FeedMou
from mouflow.chinese import in_script
from mouflow.domain.content import Bilingual
from mouflow.domain.enums import ReadingLanguage

PRODID = "-//mouflow//MoU calendars//EN"
REFRESH = timedelta(hours=1)  # how often subscribers should fetch again; the route caches for 5 minutes
TEXTS = ("SUMMARY", "DESCRIPTION", "LOCATION")  # what a person reads of an entry


def party_feed(
    *, party_id: str, party_name: Bilingual, mous: Sequence[FeedMou], reads: ReadingLanguage | None = None
) -> bytes:
    """Every ceremony and milestone due date of the given MoUs, for one party's subscription; for a party that
    reads Simplified Chinese, the Chinese of each entry in Simplified characters."""
    calendar = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        uid=f"{party_id}-feed@{DOMAIN}",
        name=f"MoUs 合作備忘錄 · {both(party_name)}",
        description=f"Signing ceremonies and milestone due dates of the MoUs of {party_name.en}",
        refresh_interval=REFRESH,
        subcomponents=[event for mou in mous for event in mou_events(mou)],
    )
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))  # the older name of REFRESH-INTERVAL (Outlook, Google)
    if reads is ReadingLanguage.SIMPLIFIED_CHINESE:
        for component in (calendar, *calendar.events):
            _in_script(component, reads)
    return finish(calendar)


def _in_script(component: Component, reads: ReadingLanguage) -> None:
    for name in (*TEXTS, "NAME", "X-WR-CALNAME"):
        if name in component:  # none of them has parameters to keep
            component.add(name, in_script(str(component.pop(name)), reads))


def ceremony_file(mou: FeedMou) -> bytes | None:
    """The ceremony alone, to import once; None when none is scheduled."""
    event = ceremony_event(mou)
    if event is None:
        return None
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH", uid=f"{mou.mou_id}-ceremony-file@{DOMAIN}")
    calendar.add_component(event)
    return finish(calendar)


def finish(calendar: Calendar) -> bytes:
    """Adds a VTIMEZONE for each zone used, covering only the years the events are in, then serialises."""
    years = [start.year for start in _timed_starts(calendar.events)]
    if years:
        calendar.add_missing_timezones(first_date=date(min(years), 1, 1), last_date=date(max(years) + 1, 1, 1))
    text: bytes = calendar.to_ical()  # icalendar leaves this untyped
    return text


def _timed_starts(events: Sequence[Event]) -> list[datetime]:
    return [event.start for event in events if isinstance(event.start, datetime)]
