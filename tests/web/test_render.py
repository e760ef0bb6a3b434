"""What every page shares: times in Hong Kong, and a policy that allows no script."""

from datetime import UTC, datetime, timedelta, timezone

from api.web.render import SECURITY_HEADERS, hong_kong_time


def test_times_are_shown_in_hong_kong() -> None:
    assert hong_kong_time(datetime(2025, 6, 3, 7, 0, tzinfo=UTC)) == "2025-06-03 15:00 HKT"
    assert hong_kong_time(datetime(2025, 6, 3, 20, 30, tzinfo=UTC)) == "2025-06-04 04:30 HKT"  # the next day there
    madrid = timezone(timedelta(hours=2))
    assert hong_kong_time(datetime(2025, 6, 3, 9, 0, tzinfo=madrid)) == "2025-06-03 15:00 HKT"
    assert hong_kong_time(None) == "—"


def test_the_policy_allows_no_script_at_all() -> None:
    policy = dict(part.strip().split(" ", 1) for part in SECURITY_HEADERS["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'none'" and "script-src" not in policy
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'self'"
