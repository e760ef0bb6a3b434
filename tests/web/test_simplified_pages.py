"""The Simplified Chinese editor: Qianhai's officer writes the draft's Simplified text from the Mainland-phrase
conversion, as a new version every party reviews; the owner's editor keeps it; bad input is refused in place."""

from mouflow.domain.enums import Role
from tests.web.helpers import Page, Site, Visitor, users_fixture, web_fixture  # noqa: F401  the fixtures
from tests.web.test_draft_pages import editor

MOU = "hkte-qianhai-2025"


def simplified_form(page: Page) -> dict[str, str]:
    """The form with its clauses' text: the helpers' parser reads an input's value, not a textarea's text."""
    form = dict(page.forms["form-simplified"])
    for name in [name for name in form if name.endswith("-text")]:
        form[name] = page.texts[f"simplified-{name}"]
    return form


async def simplified_editor(visitor: Visitor) -> dict[str, str]:
    page = await visitor.get(f"/web/mous/{MOU}/simplified")
    assert page.status == 200, page.response.text
    return simplified_form(page)


async def test_qianhai_writes_the_simplified_text_as_version_2(web: Site) -> None:
    await web.start(MOU)  # in review: writing the text takes the draft back to drafting
    qianhai = await web.signed_in("qianhai")
    assert "write-simplified" in (await qianhai.get(f"/web/mous/{MOU}")).texts
    form = await simplified_editor(qianhai)
    assert form["base_version"] == "1" and form["scope-3"] == "人才发展"
    assert form["clause-1-text"] == "双方举办联合招聘活动，并交流人才政策信息。"  # 資訊 → 信息, the Mainland's phrase
    saved = await qianhai.post(form, {"op": "save", "clause-0-heading": "宗旨"})
    assert saved.status == 303, saved.response.text
    status = await web.detail(MOU)
    assert status["current_version"] == 2 and status["stage"] == "drafting"
    draft = await web.call("GET", f"/mous/{MOU}/versions/2", "hkte")
    assert draft["simplified"]["clauses"][0]["heading"] == "宗旨"
    assert draft["clauses"] == (await web.call("GET", f"/mous/{MOU}/versions/1", "hkte"))["clauses"]
    shown = await qianhai.get(f"/web/mous/{MOU}/versions/2")
    assert "宗旨" in shown.text("simplified-clause-1")
    again = await simplified_editor(qianhai)
    assert again["clause-0-heading"] == "宗旨"  # it starts from what was written, not a new conversion
    compared = await qianhai.get(f"/web/mous/{MOU}/redline?from=1&to=2")
    assert "no-change" not in compared.texts and compared.text("simplified-status") == "added"
    assert "宗旨" in compared.text("simplified-clause-1")


async def test_the_owners_editor_keeps_the_simplified_text(web: Site) -> None:
    await web.start(MOU, submit=False)
    qianhai = await web.signed_in("qianhai")
    assert (await qianhai.post(await simplified_editor(qianhai), {"op": "save"})).status == 303
    hkte = await web.signed_in("hkte")
    assert "write-simplified" not in (await hkte.get(f"/web/mous/{MOU}")).texts
    assert (await hkte.get(f"/web/mous/{MOU}/simplified")).status == 403
    saved = await hkte.post(await editor(hkte), {"op": "save", "title_en": "A new title"})
    assert saved.status == 303, saved.response.text
    draft = await web.call("GET", f"/mous/{MOU}/versions/3", "hkte")
    assert draft["title"]["en"] == "A new title" and draft["simplified"]["scope_areas"][0] == "人才招聘"


async def test_the_api_refuses_the_owner_dropping_the_partners_text(web: Site) -> None:
    await web.start(MOU, submit=False)
    qianhai = await web.signed_in("qianhai")
    assert (await qianhai.post(await simplified_editor(qianhai), {"op": "save"})).status == 303
    content = await web.call("GET", f"/mous/{MOU}/versions/2", "hkte")
    dropped = {"base_version": 2, "content": content | {"simplified": None}}
    response = await web.api.put(f"/mous/{MOU}/draft", json=dropped, headers=web.users.headers("hkte", Role.OFFICER))
    assert response.status_code == 403 and "written by an officer of qianhai" in response.text
    assert (await web.detail(MOU))["current_version"] == 2


async def test_an_empty_clause_is_refused_next_to_it_and_nothing_is_saved(web: Site) -> None:
    await web.start(MOU, submit=False)
    qianhai = await web.signed_in("qianhai")
    refused = await qianhai.post(await simplified_editor(qianhai), {"op": "save", "clause-1-text": " "})
    assert refused.status == 422 and "error-clause-1-text" in refused.texts
    assert refused.forms["form-simplified"]["scope-0"] == "人才招聘"  # the rest kept as typed
    assert (await web.detail(MOU))["current_version"] == 1


async def test_removing_the_text_makes_a_version_without_it(web: Site) -> None:
    await web.start(MOU, submit=False)
    qianhai = await web.signed_in("qianhai")
    assert (await qianhai.post(await simplified_editor(qianhai), {"op": "save"})).status == 303
    form = await simplified_editor(qianhai)
    assert (await qianhai.post(form, {"op": "remove"})).status == 303
    assert (await web.call("GET", f"/mous/{MOU}/versions/3", "hkte"))["simplified"] is None


async def test_a_reviewer_comments_on_a_clause_of_the_simplified_text(web: Site) -> None:
    await web.start(MOU, submit=False)
    qianhai = await web.signed_in("qianhai")
    assert (await qianhai.post(await simplified_editor(qianhai), {"op": "save"})).status == 303
    await web.call("POST", f"/mous/{MOU}/submit", "hkte", json={"version": 2})
    hkte = await web.signed_in("hkte", Role.OFFICER)
    await web.call("POST", f"/mous/{MOU}/reviews", "qianhai", json={"version": 2, "decision": "approve"})
    page = await hkte.get(f"/web/mous/{MOU}/redline?from=1&to=2")
    assert 'name="clause_2_zh-Hans"' in page.response.text
    note = "第2条请写明交流信息的频率。"
    done = await hkte.post(page.forms["form-review-redline"], {"decision": "request_changes", "clause_2_zh-Hans": note})
    assert done.status == 303, done.response.text
    [comment] = (await web.detail(MOU))["comments"]
    assert (comment["clause"], comment["language"], comment["text"]) == (2, "zh-Hans", note)


async def test_no_simplified_comment_box_where_the_version_has_no_simplified_text(web: Site) -> None:
    await web.start(MOU)
    page = await (await web.signed_in("qianhai")).get(f"/web/mous/{MOU}/redline")
    assert 'name="clause_2_zh"' in page.response.text and "zh-Hans" not in page.forms["form-review-redline"]
    assert 'name="clause_2_zh-Hans"' not in page.response.text
