"""One VEVENT per ceremony and per milestone due date, with UIDs that stay the same across changes.

A subscribed calendar matches entries by UID, so an item keeps its UID for life and a change (a moved
ceremony, a milestone done) updates the entry in place instead of adding a second one. Every text goes
through icalendar, which escapes commas, semicolons and line breaks: a title cannot start a property.
"""

import logging
from collections.abc import Callable
from datetime import UTC, timedelta, tzinfo
from functools import partial
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Event
from icalendar.enums import STATUS, TRANSP

from mouflow.calendars import rules
from mouflow.calendars.models import FeedMilestone, FeedMou
from mouflow.domain.actions import Official
from mouflow.domain.content import Bilingual
from mouflow.domain.state import Ceremony

DOMAIN = "mouflow"
log = logging.getLogger(__name__)
CEREMONY_LENGTH = timedelta(hours=2)  # the projection has only a start; two hours covers the programme


def ceremony_uid(mou_id: str) -> str:
    return f"{mou_id}-ceremony@{DOMAIN}"


def milestone_uid(mou_id: str, milestone: FeedMilestone) -> str:
    # the term is in the UID: a renewed term's milestone has the same id but is another entry
    return f"{mou_id}-{milestone.term_number}-{milestone.id}@{DOMAIN}"


def mou_events(mou: FeedMou) -> list[Event]:
    """Every entry that calendars can hold: a date at the end of the calendar (stored before dates had
    windows) is left out, so one MoU never breaks a party's whole feed."""
    made = [_made(partial(ceremony_event, mou))]
    made += [_made(partial(milestone_event, mou, milestone)) for milestone in mou.milestones]
    return [event for event in made if event is not None]


def _made(make: Callable[[], Event | None]) -> Event | None:
    try:
        return make()
    except OverflowError:
        log.warning("a calendar entry past the end of the calendar was left out")
        return None


def ceremony_event(mou: FeedMou) -> Event | None:
    ceremony = mou.ceremony
    if ceremony is None:
        return None
    cancelled = rules.ceremony_cancelled(mou)
    starts_at = ceremony.starts_at.astimezone(zone(ceremony.time_zone))
    return Event.new(
        uid=ceremony_uid(mou.mou_id),
        summary=f"Signing ceremony: {mou.title.en} / 簽署儀式：{mou.title.zh}",
        start=starts_at,
        end=starts_at + CEREMONY_LENGTH,
        location=both(ceremony.venue),
        description=ceremony_description(mou, ceremony),
        status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
        sequence=rules.ceremony_sequence(mou),
        stamp=mou.updated_at.astimezone(UTC),
        last_modified=((mou.closed_at if cancelled else None) or ceremony.scheduled_at).astimezone(UTC),
    )


def milestone_event(mou: FeedMou, milestone: FeedMilestone) -> Event:
    """All day on the due date; transparent, since a due date does not make anyone busy."""
    cancelled = rules.milestone_cancelled(mou, milestone)
    return Event.new(
        uid=milestone_uid(mou.mou_id, milestone),
        summary=f"{rules.milestone_marker(milestone)}{both(milestone.title)} · {mou.title.en}",
        start=milestone.due_date,
        end=milestone.due_date + timedelta(days=1),  # DTEND of an all-day event is the next day, exclusive
        description=milestone_description(mou, milestone),
        status=STATUS.CANCELLED if cancelled else STATUS.CONFIRMED,
        transparency=TRANSP.TRANSPARENT,
        sequence=rules.milestone_sequence(mou, milestone),
        stamp=mou.updated_at.astimezone(UTC),  # DTSTAMP: when the projection last changed this MoU
    )


def ceremony_description(mou: FeedMou, ceremony: Ceremony) -> str:
    lines = [mou_line(mou), "Parties 締約方: " + "; ".join(both(name) for name in mou.parties.values())]
    if ceremony.witnesses:
        lines.append("Witnesses 見證人: " + "; ".join(witness(official) for official in ceremony.witnesses))
    return "\n".join(lines)


def milestone_description(mou: FeedMou, milestone: FeedMilestone) -> str:
    owner = mou.parties.get(milestone.owner_party_id)
    state = milestone.status.value.replace("_", " ")
    state += " (confirmed)" if milestone.confirmed else ""
    state += ", overdue" if milestone.overdue else ""
    return "\n".join(
        [
            mou_line(mou),
            f"Milestone 里程碑: {milestone.id}, term {milestone.term_number}",
            f"Owner 負責方: {both(owner) if owner else milestone.owner_party_id}",
            f"Status 狀態: {state}",
        ]
    )


def mou_line(mou: FeedMou) -> str:
    return f"MoU 備忘錄: {both(mou.title)} ({mou.mou_id})"


def witness(official: Official) -> str:
    return f"{both(official.name)}, {both(official.title)}"


def both(text: Bilingual) -> str:
    return f"{text.en} / {text.zh}"


def zone(name: str) -> tzinfo:
    """The ceremony's own zone, so the invitation shows local time; UTC if the name is unknown here."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC
