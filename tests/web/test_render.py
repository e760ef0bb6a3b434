"""What every page shares: times in Hong Kong, and a policy that allows no script."""

from datetime import UTC, date, datetime, timedelta, timezone

from api.web.render import SECURITY_HEADERS
from mouflow.dates_in_words import day_in_words, moment_in_words


def test_times_are_shown_in_hong_kong_in_words_of_each_language() -> None:
    assert moment_in_words(datetime(2025, 6, 3, 7, 0, tzinfo=UTC), "en") == "3 Jun 2025 15:00 HKT"
    assert moment_in_words(datetime(2025, 6, 3, 20, 30, tzinfo=UTC), "en") == "4 Jun 2025 04:30 HKT"  # the next day
    madrid = timezone(timedelta(hours=2))
    assert moment_in_words(datetime(2025, 6, 3, 9, 0, tzinfo=madrid), "en") == "3 Jun 2025 15:00 HKT"
    assert moment_in_words(datetime(2025, 6, 3, 7, 0, tzinfo=UTC), "zh-Hant") == "2025年6月3日 15:00 香港標準時間"
    assert moment_in_words(datetime(2025, 6, 3, 7, 0, tzinfo=UTC), "zh-Hans") == "2025年6月3日 15:00 香港标准时间"
    assert moment_in_words(None, "en") == "—"


def test_dates_are_written_as_each_language_writes_them() -> None:
    assert day_in_words(date(2026, 1, 5), "en") == "5 Jan 2026"
    assert day_in_words(date(2026, 1, 5), "zh-Hant") == day_in_words(date(2026, 1, 5), "zh-Hans") == "2026年1月5日"
    assert day_in_words(None, "zh-Hans") == "—"


def test_the_policy_allows_no_script_at_all() -> None:
    policy = dict(part.strip().split(" ", 1) for part in SECURITY_HEADERS["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'none'" and "script-src" not in policy
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
