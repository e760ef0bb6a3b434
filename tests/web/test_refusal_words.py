"""Refusals that break no MoU rule are in the reader's language too: a form from another site or out of date,
a held sign-in, a token that is not valid, a page that is not there. A Chinese page has no English word in it."""

import re

import pytest

from mouflow.domain.enums import Role
from tests.web.helpers import Page, Site, Visitor, users_fixture, web_fixture  # noqa: F401  the fixtures

CHINESE = ["zh-Hant", "zh-Hans"]
MAIN = re.compile(r"<main>(.*)</main>", re.DOTALL)
NAMES = {"API"}  # a name the Chinese words keep, as Hong Kong's do: "API 憑證"


def english_in(page: Page) -> list[str]:
    """The Latin words in the page's main part, the header (the brand, each language in itself) left out."""
    main = MAIN.search(page.response.text)
    assert main is not None
    return [word for word in re.findall(r"[A-Za-z]{2,}", re.sub(r"<[^>]*>", " ", main[1])) if word not in NAMES]


async def reader(web: Site, language: str, visitor: Visitor | None = None) -> Visitor:
    """A visitor who picked the language on a page (a signed-in user's own would come before the browser's)."""
    visitor = visitor or await web.visitor()
    assert (await visitor.get(f"/web/language/{language}")).status == 303
    return visitor


@pytest.mark.parametrize("language", CHINESE)
@pytest.mark.parametrize(
    "changes, headers",
    [({"csrf_token": "not-the-cookie"}, {}), ({}, {"Origin": "http://evil.example"})],
    ids=["out-of-date", "other-site"],
)
async def test_a_refused_sign_in_form_says_why_in_chinese(
    web: Site, language: str, changes: dict[str, str], headers: dict[str, str]
) -> None:
    visitor = await reader(web, language)
    form = (await visitor.get("/web/login")).forms["/web/login"]
    page = await visitor.post(form, {"token": web.users.token("hkte", Role.OFFICER), **changes}, headers=headers)
    assert page.status == 403 and page.text("error") and english_in(page) == []


@pytest.mark.parametrize("language", CHINESE)
async def test_a_token_that_is_not_valid_and_a_held_address_are_said_in_chinese(web: Site, language: str) -> None:
    visitor = await reader(web, language)
    form = (await visitor.get("/web/login")).forms["/web/login"]
    for attempt in range(10):
        page = await visitor.post(form, {"token": f"mf_not-a-token-{attempt}"})
        assert page.status == 401 and page.text("error") and english_in(page) == []
    held = await visitor.post(form, {"token": "mf_not-a-token"})
    assert held.status == 429 and "retry-after" in held.response.headers and english_in(held) == []


@pytest.mark.parametrize("language", CHINESE)
@pytest.mark.parametrize(
    "method, path",
    [("GET", "/web/no-such-page"), ("GET", "/web/mous/no-such-mou"), ("GET", "/web/logout")],
    ids=["unknown-page", "unknown-mou", "wrong-method"],
)
async def test_a_page_that_is_not_there_says_so_in_chinese(web: Site, language: str, method: str, path: str) -> None:
    visitor = await reader(web, language, await web.signed_in("hkte"))
    page = Page(await visitor.client.request(method, path))
    assert page.status in {404, 405} and page.text("error") and english_in(page) == []


@pytest.mark.parametrize("language", CHINESE)
async def test_a_signed_in_form_without_its_token_says_why_in_chinese(web: Site, language: str) -> None:
    visitor = await reader(web, language, await web.signed_in("hkte"))
    form = (await visitor.get("/web/mous")).forms["/web/logout"]
    page = await visitor.post(form, {"csrf_token": "not-this-sessions"})
    assert page.status == 403 and page.text("error") and english_in(page) == []


async def test_an_english_reader_still_reads_the_apis_own_words(web: Site) -> None:
    visitor = await reader(web, "en")
    form = (await visitor.get("/web/login")).forms["/web/login"]
    page = await visitor.post(form, {"token": "mf_x"}, headers={"Origin": "http://evil.example"})
    assert page.text("error") == "a form posted from another site is refused"
