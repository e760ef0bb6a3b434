"""The submit form on the MoU page lists the texts changed in one language only since the version last
submitted for review, and asks the officer to confirm them, as POST /mous/{id}/submit does."""

from tests.api.revisions import MOU, two_versions
from tests.web.helpers import Site, users_fixture, web_fixture  # noqa: F401  the fixtures

REDLINE = f"/web/mous/{MOU}/redline?from=1&amp;to=2"


async def test_the_submit_form_lists_the_changes_and_asks_for_the_confirmation(web: Site) -> None:
    await two_versions(web.api, web.users)  # version 2 changes clause 2's text in English only
    hkte = await web.signed_in("hkte")
    page = await hkte.get(f"/web/mous/{MOU}")
    assert page.status == 200, page.response.text
    assert "confirm_one_language" in page.forms["form-submit"]
    listed = page.text("submit-one-language")
    assert "Clause 2, text" in listed and "Changed in English only" in listed
    assert f'href="{REDLINE}#clause-2"' in page.response.text and f'href="{REDLINE}"' in page.response.text

    refused = await hkte.post(page.forms["form-submit"], {"confirm_one_language": None})
    assert refused.status == 422
    assert "clause 2 text, in English only" in refused.text("error-confirm-one-language")
    assert (await web.detail(MOU))["stage"] == "drafting"

    confirmed = await hkte.post(refused.forms["form-submit"])  # the form drawn again, its box now ticked
    assert confirmed.status == 303, confirmed.response.text
    assert (await web.detail(MOU))["stage"] == "in_review"


async def test_the_page_asks_in_chinese(web: Site) -> None:
    await two_versions(web.api, web.users)
    hkte = await web.signed_in("hkte", headers={"accept-language": "zh-Hant"})
    page = await hkte.get(f"/web/mous/{MOU}")
    assert "本人確認另一語言的文本意思相同" in page.text("submit-one-language")
    refused = await hkte.post(page.forms["form-submit"], {"confirm_one_language": None})
    assert refused.status == 422 and "只修改了一種語言" in refused.text("error-confirm-one-language")


async def test_a_first_submit_has_nothing_to_confirm(web: Site) -> None:
    await web.start(MOU, submit=False)
    page = await (await web.signed_in("hkte")).get(f"/web/mous/{MOU}")
    assert "confirm_one_language" not in page.forms["form-submit"] and "submit-one-language" not in page.texts
