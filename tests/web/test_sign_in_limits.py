"""Failed sign-ins are limited per client address: after ten within a minute, the next attempt is answered
429 with Retry-After, whatever its token, on the sign-in page and for the API's bearer tokens alike."""

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
