"""Dates and times as each language writes them, shown in the time zone where they happen."""

from datetime import date, datetime
from zoneinfo import ZoneInfo


def date_en(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def date_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def moment(at: datetime, time_zone: str) -> dict[str, str]:
    """Both languages plus the zone and its UTC offset, so a reader abroad cannot misread the hour."""
    local = at.astimezone(ZoneInfo(time_zone))
    offset = local.strftime("%z")
    zone = f"{time_zone}, UTC{offset[:3]}:{offset[3:]}"
    return {
        "en": f"{date_en(local.date())}, {local:%H:%M} ({zone})",
        "zh": f"{date_zh(local.date())} {local:%H:%M}（{zone}）",
        "iso": local.isoformat(),
    }


def day(value: date | None) -> dict[str, str] | None:
    if value is None:
        return None
    return {"en": date_en(value), "zh": date_zh(value), "iso": value.isoformat()}
