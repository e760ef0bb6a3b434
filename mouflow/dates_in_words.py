"""Dates and times as a person reads them: in Hong Kong time, written the way the page's language writes
them (CLDR's formats, through Babel), never as ISO timestamps."""

from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time, get_timezone_name

HONG_KONG = ZoneInfo("Asia/Hong_Kong")
# the page's language tag, and the region whose conventions its readers keep
BABEL_LOCALES = {"en": "en_HK", "zh-Hant": "zh_Hant_HK", "zh-Hans": "zh_Hans_CN"}
NOTHING = "—"


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(BABEL_LOCALES.get(language, "en_HK"))


def day_in_words(day: date | None, language: str) -> str:
    """5 Jan 2026, 2026年1月5日."""
    return NOTHING if day is None else format_date(day, "medium", locale=_locale(language))


def moment_in_words(moment: datetime | None, language: str) -> str:
    """5 Jan 2026 17:30 HKT, 2026年1月5日 17:30 香港標準時間: the zone named, so no reader takes it for their own."""
    if moment is None:
        return NOTHING
    local = moment.astimezone(HONG_KONG)
    time = format_time(local, "HH:mm", locale=_locale(language))
    return f"{day_in_words(local.date(), language)} {time} {_zone_name(language)}"


@cache
def _zone_name(language: str) -> str:
    # CLDR has an abbreviation (HKT) in English only; elsewhere its short name is an offset, so the long one
    winter = datetime(2026, 1, 1, tzinfo=HONG_KONG)  # Hong Kong keeps no summer time
    short = get_timezone_name(winter, "short", locale=_locale(language))
    return get_timezone_name(winter, "long", locale=_locale(language)) if short[:1] in "+-G" else short
