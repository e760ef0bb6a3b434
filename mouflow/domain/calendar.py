"""Dates as the parties count them: whole days in Hong Kong time (UTC+8, no daylight saving)."""

import calendar
from datetime import date, datetime, time, timedelta, timezone

MOU_TIME_ZONE = timezone(timedelta(hours=8), "HKT")


def hong_kong_time(moment: datetime) -> str:
    """A moment as the pages and e-mails show it; the zone is named, so no reader takes it for their own."""
    return moment.astimezone(MOU_TIME_ZONE).strftime("%Y-%m-%d %H:%M HKT")


def local_date(moment: datetime) -> date:
    return moment.astimezone(MOU_TIME_ZONE).date()


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(0), MOU_TIME_ZONE)


def add_months(day: date, months: int) -> date:
    """Same day of month `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
