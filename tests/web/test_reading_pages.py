"""Reading a version's text and the redline between two versions on screen, as each party may."""

import re
from pathlib import Path

from mouflow.domain.enums import Role
from mouflow.translations import ZH_HANT
from tests.api.revisions import MOU, TWICE_A_YEAR, call, second_version, two_versions
from tests.web.helpers import Site, users_fixture, web_fixture  # noqa: F401  the fixtures

TEMPLATES = Path(__file__).parents[2] / "templates" / "web"
READING_TEMPLATES = ("version.html", "redline.html", "_reading.html", "_redline_parts.html", "_reading_links.html")
# words the templates translate from a variable: labels in lists, and the statuses of clauses and milestones
TRANSLATED_FROM_VARIABLES = {
    "From version", "To version", "Term", "Notice of termination", "clause", "scope area",
    "Clauses changed", "Clauses added", "Clauses removed", "Clauses moved", "Scope areas changed",
    "Milestones changed", "changed", "added", "removed", "unchanged",
}  # fmt: skip
CHINESE = {"Accept-Language": "zh-Hant"}


async def test_a_version_reads_in_both_languages_clause_by_clause(web: Site) -> None:
    await two_versions(web.api, web.users)
    page = await (await web.signed_in("qianhai")).get(f"/web/mous/{MOU}/versions/2")
    assert page.status == 200
    assert page.text("title-en").startswith("Memorandum of Understanding") and "諒解備忘錄" in page.text("title-zh")
    assert page.text("clause-2").startswith("2. Joint activities" + TWICE_A_YEAR) and "聯合活動" in page.text(
        "clause-2"
    )
    assert page.text("clause-3") == "3. Talent services" + second_version()["clauses"][2]["text"]["en"] + (
        " 第3條 人才服務前海為在合作區工作的香港人才提供一站式服務。"
    )
    assert page.text("term-months") == "48 months" and page.text("notice-months") == "3 months"
    assert page.text("effective-date") == "On the day the last party signs"
    annual_review = page.text("plan-annual-review")
    for shown in ("Annual review", "年度檢討", "Hong Kong Talent Engage", "18 months after the effective date"):
        assert shown in annual_review
    assert annual_review.endswith("no")
    assert page.text("plan-joint-recruitment-fair").endswith("3 months after the effective dateyes")
    assert page.text("scope-1") == "1Talent recruitment人才招聘"
    assert 'href="/web/mous/hkte-qianhai-2025/redline?from=1&amp;to=2"' in page.response.text


async def test_the_redline_marks_each_change_and_flags_one_language_changes(web: Site) -> None:
    await two_versions(web.api, web.users)
    page = await (await web.signed_in("qianhai")).get(f"/web/mous/{MOU}/redline")
    assert page.status == 200 and page.text("compared").startswith("From version 1 to version 2")
    assert "the version your party last reviewed" in page.text("since-review")
    html = page.response.text
    assert re.search(r"<ins>[^<]*twice a year[^<]*</ins>", html)
    assert page.text("one-language") == (
        "Changed in one language only (1) Clause 2, text: "
        "Changed in English only: check the Chinese text says the same."
    )
    assert page.text("flag-2-clause_text") == "⚠ Changed in English only: check the Chinese text says the same."
    assert "added" in page.text("clause-3") and "unchanged" in page.text("clause-1")
    assert page.text("field-term_months") == "Term36 months → 48 months"
    assert "18 months after the effective date" in page.text("plan-annual-review")
    assert page.forms["form-compare"]["_action"] == f"/web/mous/{MOU}/redline"
    assert re.search(r'<option value="1" selected>', html) and re.search(r'<option value="2" selected>', html)


async def test_the_redline_in_chinese(web: Site) -> None:
    await two_versions(web.api, web.users)
    page = await (await web.signed_in("qianhai", headers=CHINESE)).get(f"/web/mous/{MOU}/redline?from=1&to=2")
    assert page.status == 200 and page.text("compared").startswith("由版本 1 至版本 2")
    assert page.text("flag-2-clause_text") == "⚠ 只修改了英文本：請核對中文本是否相同。"
    assert "新增" in page.text("clause-3") and page.text("field-term_months") == "期限36 個月 → 48 個月"


async def test_the_mou_page_links_to_the_text_and_what_changed(web: Site) -> None:
    await two_versions(web.api, web.users)
    page = await (await web.signed_in("qianhai")).get(f"/web/mous/{MOU}")
    assert page.text("reading") == "Read version 2 · What changed · Review comments: 1, not answered: 1"
    html = page.response.text
    assert f'href="/web/mous/{MOU}/versions/2" id="read-version"' in html
    assert f'href="/web/mous/{MOU}/redline" id="what-changed"' in html


async def test_another_party_finds_neither_page_and_bad_versions_are_refused(web: Site) -> None:
    await two_versions(web.api, web.users)
    nansha = await web.signed_in("nansha")
    for path in (f"/web/mous/{MOU}/versions/1", f"/web/mous/{MOU}/redline"):
        page = await nansha.get(path)
        assert page.status == 404 and page.text("error") == f"there is no MoU '{MOU}'"
    qianhai = await web.signed_in("qianhai")
    unknown = await qianhai.get(f"/web/mous/{MOU}/versions/3")
    assert unknown.status == 404 and page.response.headers["content-type"].startswith("text/html")
    after = await qianhai.get(f"/web/mous/{MOU}/redline?from=5")
    assert after.status == 422 and after.text("error") == f"MoU {MOU} has no version 5; its versions are 1 to 2"
    backwards = await (await web.signed_in("qianhai", headers=CHINESE)).get(f"/web/mous/{MOU}/redline?from=2&to=1")
    assert backwards.status == 422 and backwards.text("error") == "第 2 版在第 1 版之後；請以較早的版本與較後的版本比較"
    assert (await qianhai.get(f"/web/mous/{MOU}/redline?from=x")).status == 422


async def test_text_in_the_draft_is_never_markup(web: Site) -> None:
    await two_versions(web.api, web.users)
    third = second_version()
    third["clauses"][0] = {**third["clauses"][0], "heading": {"en": "<b>Purpose</b>", "zh": "<i>目的</i>"}}
    await call(web.api, web.users, "PUT", f"/mous/{MOU}/draft", "hkte", {"base_version": 2, "content": third})
    viewer = await web.signed_in("qianhai", Role.VIEWER)
    for path in (f"/web/mous/{MOU}/redline?from=2&to=3", f"/web/mous/{MOU}/versions/3"):
        html = (await viewer.get(path)).response.text
        assert "&lt;b&gt;" in html and "<b>" not in html and "<i>" not in html


def test_every_word_of_the_reading_pages_has_chinese() -> None:
    literal = re.compile(r't\("([^"]+)"\)')
    words = {w for name in READING_TEMPLATES for w in literal.findall((TEMPLATES / name).read_text())}
    assert len(words) > 20
    assert sorted((words | TRANSLATED_FROM_VARIABLES) - set(ZH_HANT)) == []
