"""Failed sign-ins are limited per client address: after ten within a minute, the next attempt is answered
429 with Retry-After, whatever its token, on the sign-in page and for the API's bearer tokens alike."""

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest

from api.web import sign_in
from mouflow.domain.enums import Role
from tests.web.helpers import Site, users_fixture, web_fixture  # noqa: F401  the fixtures


async def test_the_sign_in_form_holds_an_address_that_keeps_failing(web: Site) -> None:
    visitor = await web.visitor()
    form = (await visitor.get("/web/login")).forms["/web/login"]
    for attempt in range(10):
        page = await visitor.post(form, {"token": f"mf_not-a-token-{attempt}"})
        assert page.status == 401
    held = await visitor.post(form, {"token": web.users.token("hkte", Role.OFFICER)})  # even the right one, now
    assert held.status == 429 and int(held.response.headers["retry-after"]) >= 1
    assert "too many failed sign-ins" in held.text("error") and "mouflow_session" not in visitor.client.cookies


async def test_bearer_tokens_are_held_the_same_way_and_a_known_token_is_not(web: Site) -> None:
    good = web.users.headers("hkte", Role.OFFICER)
    assert (await web.api.get("/mous", headers=good)).status_code == 200  # remembered: never held
    for attempt in range(10):
        bad = {"Authorization": f"Bearer mf_not-a-token-{attempt}"}
        assert (await web.api.get("/mous", headers=bad)).status_code == 401
    held = await web.api.get("/mous", headers={"Authorization": "Bearer mf_another"})
    assert held.status_code == 429 and held.json()["error"] == "too_many_attempts"
    assert int(held.headers["retry-after"]) <= 60
    assert (await web.api.get("/mous", headers=good)).status_code == 200


async def test_a_burst_of_bad_sign_ins_gets_no_more_than_ten_tries(web: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thirty at once, each lookup slow enough for all to arrive before one ends: an attempt is counted as it is
    let in, not after its lookup, so ten are let in and the other twenty held."""
    monkeypatch.setattr(sign_in, "get_user_by_token", slowly(sign_in.get_user_by_token))
    visitors = [await web.visitor() for _ in range(30)]
    forms = [(await visitor.get("/web/login")).forms["/web/login"] for visitor in visitors]
    burst = [visitor.post(forms[n], {"token": f"mf_burst-{n}"}) for n, visitor in enumerate(visitors)]
    pages = await asyncio.gather(*burst)
    assert sorted({page.status for page in pages}) == [401, 429]
    assert sum(page.status == 401 for page in pages) == 10
    assert all(int(page.response.headers["retry-after"]) >= 1 for page in pages if page.status == 429)


async def test_a_burst_of_bad_bearer_tokens_gets_no_more_than_ten_tries(web: Site) -> None:
    burst = [web.api.get("/mous", headers={"Authorization": f"Bearer mf_burst-{n}"}) for n in range(30)]
    answers = await asyncio.gather(*burst)
    assert sum(answer.status_code == 401 for answer in answers) == 10
    held = [answer for answer in answers if answer.status_code == 429]
    assert len(held) == 20 and all(int(answer.headers["retry-after"]) >= 1 for answer in held)


async def test_right_tokens_take_no_place_however_often_they_sign_in(web: Site) -> None:
    for _ in range(12):
        await web.signed_in("hkte")  # each one looked up, and none counted
    visitor = await web.visitor()
    form = (await visitor.get("/web/login")).forms["/web/login"]
    assert (await visitor.post(form, {"token": "mf_not-a-token"})).status == 401


def slowly(look_up: Callable[..., Any]) -> Callable[..., Any]:
    def slow_look_up(**kwargs: Any) -> Any:
        time.sleep(0.2)  # in the route's worker thread, as a busy database would keep it
        return look_up(**kwargs)

    return slow_look_up
