"""The redline's forms over HTTP: a review with comments on clauses, and the drafter's answers. Each does what
the API does; a refusal is shown next to its form, with the API's status and what was typed kept, and changes
nothing; a user the rules do not let act is not offered the form."""

from tests.web.helpers import Site, users_fixture, web_fixture  # noqa: F401  the fixtures

MOU = "hkte-qianhai-2025"
ON_CLAUSE_2 = "請寫明聯合招聘活動的次數。"


async def test_a_review_with_a_clause_comment_from_the_redline_and_bad_ones_refused(web: Site) -> None:
    await web.start(MOU)
    qianhai = await web.signed_in("qianhai")
    page = await qianhai.get(f"/web/mous/{MOU}/redline")
    form = page.forms["form-review-redline"]
    assert 'name="clause_2_zh"' in page.response.text and form["redline_to"] == "1"
    before = await web.detail(MOU)
    nothing = await qianhai.post(form, {"decision": "request_changes"})
    assert nothing.status == 422 and "needs a comment" in nothing.text("error-review")
    too_long = await qianhai.post(form, {"decision": "request_changes", "clause_2_zh": "長" * 5_001})
    assert too_long.status == 422 and too_long.text("error-review") == too_long.text("error")
    assert "長" * 5_001 in too_long.response.text  # what was typed comes back in its box
    assert (await web.detail(MOU))["comments"] == before["comments"] == []

    done = await qianhai.post(form, {"decision": "request_changes", "clause_2_zh": ON_CLAUSE_2})
    assert done.status == 303 and done.response.headers["location"].startswith(f"/web/mous/{MOU}/redline?done=")
    [comment] = (await web.detail(MOU))["comments"]
    assert (comment["clause"], comment["language"], comment["text"]) == (2, "zh", ON_CLAUSE_2)
    shown = await qianhai.get(done.response.headers["location"])
    assert shown.text("notice") == "Saved." and "form-answer-c1" not in shown.forms  # the drafter answers
    assert shown.text("open-c1") == "Not answered yet"


async def test_the_drafter_answers_on_the_redline_and_an_empty_answer_is_refused(web: Site) -> None:
    await web.start(MOU)
    review = {
        "version": 1,
        "decision": "request_changes",
        "clause_comments": [{"clause": 2, "language": "zh", "text": ON_CLAUSE_2}],
    }
    await web.call("POST", f"/mous/{MOU}/reviews", "qianhai", json=review)
    hkte = await web.signed_in("hkte")
    form = (await hkte.get(f"/web/mous/{MOU}/redline")).forms["form-answer-c1"]
    empty = await hkte.post(form, {"resolution": "answered", "reply": " "})
    assert empty.status == 422 and "needs a reply" in empty.text("error-answer-c1")
    assert (await web.detail(MOU))["comments"][0]["answer"] is None
    answered = await hkte.post(form, {"resolution": "answered", "reply": "The events are held twice a year."})
    assert answered.status == 303
    page = await hkte.get(answered.response.headers["location"])
    assert page.text("answer-c1").startswith("↩ Answered in version 1 ·")
    assert "form-answer-c1" not in page.forms
