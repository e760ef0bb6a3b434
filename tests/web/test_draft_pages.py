"""Starting and drafting MoUs from the pages: plain forms, row buttons that keep the typed text, the API's
own refusals, and bad input written next to its field with nothing started or saved."""

import re
from typing import Any

from tests.web.helpers import CONTENT, Page, Site, Visitor, users_fixture, web_fixture  # noqa: F401  the fixtures

MOU = "hkte-qianhai-2025"


TEXTAREA = re.compile(r"^clause-(\d+)-text_(en|zh)$")
SELECT = re.compile(r'<select name="([^"]+)".*?</select>', re.S)
SELECTED = re.compile(r'<option value="([^"]*)" selected>')
CHECKBOX = re.compile(r'<input type="checkbox" name="(milestone-[^"]+)" value="yes"[^>]*?( checked)?>')


def form_of(page: Page, form_id: str) -> dict[str, str]:
    """The form with its clauses' text: tests.web.helpers' parser reads an input's value, not a textarea's text."""
    form = dict(page.forms[form_id])
    for name in form:
        found = TEXTAREA.match(name)
        if found:
            form[name] = page.texts[f"clause-{found.group(1)}-text-{found.group(2)}"]
    html = page.response.text
    for select in SELECT.finditer(html):  # and a select's chosen option, a checkbox's state
        chosen = SELECTED.search(select.group(0))
        form[select.group(1)] = chosen.group(1) if chosen else ""
    for box in CHECKBOX.finditer(html):
        form[box.group(1)] = "yes" if box.group(2) else ""
    return form


def typed(form: dict[str, str], **changes: str) -> dict[str, str]:
    return {**form, **changes}


async def new_form(hkte: Visitor, path: str = "/web/mous/new") -> dict[str, str]:
    page = await hkte.get(path)
    assert page.status == 200, page.response.text
    return form_of(page, "form-new-mou")


def filled(form: dict[str, str]) -> dict[str, str]:
    """A blank form with one scope area and one clause, in both languages."""
    return typed(
        form,
        **{"title_en": "MoU on Talent", "title_zh": "人才合作備忘錄", "scope-0-en": "Talent", "scope-0-zh": "人才"},
        **{"clause-0-heading_en": "Purpose", "clause-0-heading_zh": "目的"},
        **{"clause-0-text_en": "To cooperate.", "clause-0-text_zh": "加強合作。"},
    )


async def post(visitor: Visitor, form: dict[str, str], partners: list[str], **extra: str) -> Page:
    fields: dict[str, Any] = {k: v for k, v in form.items() if k != "_action"} | extra
    fields["partner"] = partners
    return Page(await visitor.client.post(form["_action"], data=fields))


async def mou_ids(web: Site) -> list[str]:
    listed = await web.call("GET", "/mous", "hkte")
    return [item["mou_id"] for item in listed["items"]]


async def test_a_blank_start_makes_one_mou(web: Site) -> None:
    hkte = await web.signed_in("hkte")
    started = await post(hkte, filled(await new_form(hkte)), ["qianhai"], op="start")
    assert started.status == 303, started.response.text
    [mou_id] = await mou_ids(web)
    assert mou_id.startswith("hkte-qianhai-") and mou_id in started.response.headers["location"]
    assert (await web.detail(mou_id))["title_zh"] == "人才合作備忘錄"


async def test_one_text_for_two_partners_makes_two_mous(web: Site) -> None:
    hkte = await web.signed_in("hkte")
    form = filled(await new_form(hkte))
    form |= {"milestone_count": "1", "milestone-0-id": "fair", "milestone-0-title_en": "Fair"}
    form |= {"milestone-0-title_zh": "招聘會", "milestone-0-owner": "partner", "milestone-0-offset_months": "6"}
    started = await post(hkte, form, ["qianhai", "nansha"], op="start", mode="each")
    assert started.status == 303, started.response.text
    ids = sorted(await mou_ids(web))
    assert [i.rsplit("-", 1)[0] for i in ids] == ["hkte-nansha", "hkte-qianhai"]
    for mou_id, partner in zip(ids, ["nansha", "qianhai"], strict=True):
        draft = await web.call("GET", f"/mous/{mou_id}/versions/1", "hkte")
        assert draft["title"]["en"] == "MoU on Talent" and draft["milestones"][0]["owner_party_id"] == partner
        assert (await web.detail(mou_id))["party_ids"] == ["hkte", partner]
    shown = await hkte.get(started.response.headers["location"])
    assert all(mou_id in shown.text("started") for mou_id in ids)


async def test_a_copy_starts_from_the_latest_version(web: Site) -> None:
    await web.start(MOU, submit=False)
    hkte = await web.signed_in("hkte")
    assert "start-copy" in (await hkte.get(f"/web/mous/{MOU}")).texts
    form = await new_form(hkte, f"/web/mous/new?copy={MOU}")
    assert (
        form["title_en"] == CONTENT["title"]["en"] and form["clause-0-text_zh"] == CONTENT["clauses"][0]["text"]["zh"]
    )
    # the copy's milestones are Qianhai's: for Nansha they are refused, next to the milestone
    refused = await post(hkte, form, ["nansha"], op="start")
    assert refused.status == 422 and any(key.startswith("error-milestone-") for key in refused.texts)
    started = await post(hkte, form, ["qianhai"], op="start")
    assert started.status == 303, started.response.text
    [copy] = set(await mou_ids(web)) - {MOU}
    copied = await web.call("GET", f"/mous/{copy}/versions/1", "hkte")
    assert copied["clauses"] == CONTENT["clauses"] and copied["milestones"] == CONTENT["milestones"]


async def test_a_partner_cannot_start(web: Site) -> None:
    qianhai = await web.signed_in("qianhai")
    assert (await qianhai.get("/web/mous/new")).status == 403


async def test_row_buttons_keep_what_was_typed(web: Site) -> None:
    hkte = await web.signed_in("hkte")
    form = filled(await new_form(hkte))
    added = await post(hkte, form, ["qianhai"], op="add:clause")
    form = form_of(added, "form-new-mou")
    assert (
        form["clause_count"] == "2"
        and form["clause-0-text_zh"] == "加強合作。"
        and form["title_zh"] == "人才合作備忘錄"
    )
    form |= {"clause-1-heading_en": "Second", "clause-1-text_en": "Second text"}
    moved = form_of(await post(hkte, form, ["qianhai"], op="up:clause:1"), "form-new-mou")
    assert moved["clause-0-heading_en"] == "Second" and moved["clause-1-heading_en"] == "Purpose"
    removed = form_of(await post(hkte, moved, ["qianhai"], op="remove:clause:0"), "form-new-mou")
    assert removed["clause_count"] == "1" and removed["clause-0-text_en"] == "To cooperate."
    assert await mou_ids(web) == []


async def refused_start(web: Site, hkte: Visitor, form: dict[str, str], partners: list[str], field: str) -> Page:
    page = await post(hkte, form, partners, op="start")
    assert page.status in {400, 409, 422}, page.response.text
    assert f"error-{field}" in page.texts, (field, page.response.text[:3000])
    assert await mou_ids(web) == []
    return page


async def test_bad_input_is_answered_next_to_its_field(web: Site) -> None:
    hkte = await web.signed_in("hkte")
    form = filled(await new_form(hkte))
    await refused_start(web, hkte, typed(form, title_en=""), ["qianhai"], "title_en")
    await refused_start(web, hkte, typed(form, **{"clause-0-text_zh": ""}), ["qianhai"], "clause-0-text_zh")
    await refused_start(web, hkte, typed(form, **{"clause-0-text_en": "x" * 20_001}), ["qianhai"], "clause-0-text_en")
    await refused_start(web, hkte, form, ["qianhai", "qianhai"], "parties")
    await refused_start(web, hkte, form, ["atlantis"], "parties")
    await refused_start(web, hkte, form, [], "parties")
    late = {"milestone_count": "1", "milestone-0-id": "late", "milestone-0-title_en": "Late"}
    late |= {"milestone-0-title_zh": "遲", "milestone-0-owner": "hkte", "milestone-0-offset_months": "30"}
    page = await refused_start(web, hkte, typed(form, term_months="24", **late), ["qianhai"], "milestone-0")
    assert "outside the term" in page.text("error-milestone-0")


async def editor(visitor: Visitor, mou_id: str = MOU) -> dict[str, str]:
    page = await visitor.get(f"/web/mous/{mou_id}/draft")
    assert page.status == 200, page.response.text
    return form_of(page, "form-draft")


async def test_the_editor_saves_version_2(web: Site) -> None:
    await web.start(MOU, submit=False)
    hkte = await web.signed_in("hkte")
    assert "edit-draft" in (await hkte.get(f"/web/mous/{MOU}")).texts
    assert "edit-draft" not in (await (await web.signed_in("qianhai")).get(f"/web/mous/{MOU}")).texts
    form = await editor(hkte)
    assert form["base_version"] == "1" and form["title_en"] == CONTENT["title"]["en"]
    added = form_of(await hkte.post(form, {"op": "add:clause"}), "form-draft")
    last = int(added["clause_count"]) - 1
    added |= {f"clause-{last}-heading_en": "Review", f"clause-{last}-heading_zh": "檢討"}
    added |= {f"clause-{last}-text_en": "Yearly.", f"clause-{last}-text_zh": "每年一次。"}
    saved = await hkte.post(added, {"op": "save"})
    assert saved.status == 303, saved.response.text
    assert (await web.detail(MOU))["current_version"] == 2
    draft = await web.call("GET", f"/mous/{MOU}/versions/2", "hkte")
    assert draft["clauses"][-1]["text"]["zh"] == "每年一次。"


async def test_a_stale_save_keeps_the_text_and_links_the_newer_version(web: Site) -> None:
    await web.start(MOU, submit=False)
    hkte = await web.signed_in("hkte")
    form = await editor(hkte)
    await web.call("PUT", f"/mous/{MOU}/draft", "hkte", json={"base_version": 1, "content": CONTENT})
    stale = await hkte.post(form, {"op": "save", "title_en": "My new title"})
    assert stale.status == 409
    assert "version 1 is stale" in stale.text("error")
    assert stale.forms["form-draft"]["title_en"] == "My new title"
    assert stale.text("newer-version") == "Read version 2"
    assert f'href="/web/mous/{MOU}/versions/2" id="newer-version"' in stale.response.text
    assert (await hkte.get(f"/web/mous/{MOU}/versions/2")).status == 200
    assert (await web.detail(MOU))["current_version"] == 2


async def test_the_editor_refuses_a_clause_in_one_language(web: Site) -> None:
    await web.start(MOU, submit=False)
    hkte = await web.signed_in("hkte")
    refused = await hkte.post(await editor(hkte), {"op": "save", "clause-1-heading_zh": ""})
    assert refused.status == 422 and "error-clause-1-heading_zh" in refused.texts
    assert (await web.detail(MOU))["current_version"] == 1
