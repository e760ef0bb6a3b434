"""Review comments over HTTP: Qianhai comments on clause 2 in Chinese, the redline of version 2 shows the comment on
the clause it went to, and HKTE marks it addressed; the API refuses what the rules refuse and changes nothing."""

import httpx

from mouflow.domain.enums import Role
from tests.api.conftest import Users
from tests.api.revisions import CONTENT, MOU, call, second_version

ON_CLAUSE_2 = {"clause": 2, "language": "zh", "text": "請寫明聯合招聘活動的次數。"}


async def commented_then_revised(api: httpx.AsyncClient, users: Users) -> None:
    await call(api, users, "POST", "/mous", "hkte", {"mou_id": MOU, "partner_ids": ["qianhai"], "content": CONTENT})
    await call(api, users, "POST", f"/mous/{MOU}/submit", "hkte", {"version": 1})
    review = {"version": 1, "decision": "request_changes", "comment": "", "clause_comments": [ON_CLAUSE_2]}
    await call(api, users, "POST", f"/mous/{MOU}/reviews", "qianhai", review)
    await call(api, users, "PUT", f"/mous/{MOU}/draft", "hkte", {"base_version": 1, "content": second_version()})


async def test_a_clause_comment_stands_on_its_clause_in_the_next_redline_and_is_addressed(
    api: httpx.AsyncClient, users: Users
) -> None:
    await commented_then_revised(api, users)
    [comment] = await call(api, users, "GET", f"/mous/{MOU}/comments", "qianhai")
    assert comment["id"] == "c1" and comment["party_id"] == "qianhai" and comment["answer"] is None
    assert (comment["version"], comment["clause"], comment["language"]) == (1, 2, "zh")
    redline = await call(api, users, "GET", f"/mous/{MOU}/diff?from=1&to=2", "hkte")
    [placed] = redline["comments"]
    assert (placed["old_number"], placed["new_number"], placed["comment"]["id"]) == (2, 2, "c1")

    addressed = {"resolution": "addressed", "reply": "Twice a year, in clause 2."}
    await call(api, users, "POST", f"/mous/{MOU}/comments/c1/answer", "hkte", addressed)
    [comment] = await call(api, users, "GET", f"/mous/{MOU}/comments", "qianhai")
    assert comment["answer"]["resolution"] == "addressed" and comment["answer"]["version"] == 2
    again = await api.post(
        f"/mous/{MOU}/comments/c1/answer", headers=users.headers("hkte", Role.OFFICER), json=addressed
    )
    assert again.status_code == 409 and "already addressed" in again.json()["detail"]


async def test_bad_comments_and_answers_are_refused_and_change_nothing(api: httpx.AsyncClient, users: Users) -> None:
    await commented_then_revised(api, users)
    before = await call(api, users, "GET", f"/mous/{MOU}", "hkte")
    qianhai, hkte = users.headers("qianhai", Role.OFFICER), users.headers("hkte", Role.OFFICER)
    refused = [
        (qianhai, "c1", {"resolution": "addressed"}, 403),  # only the drafting party answers
        (hkte, "c9", {"resolution": "addressed"}, 404),
        (hkte, "c1", {"resolution": "answered", "reply": " "}, 422),
        (hkte, "c1", {"resolution": "agreed"}, 422),
        (hkte, "x1", {"resolution": "addressed"}, 422),
    ]
    for headers, comment_id, body, status in refused:
        response = await api.post(f"/mous/{MOU}/comments/{comment_id}/answer", headers=headers, json=body)
        assert response.status_code == status, (comment_id, body, response.text)
    hidden = await api.get(f"/mous/{MOU}/comments", headers=users.headers("nansha", Role.OFFICER))
    assert hidden.status_code == 404
    await call(api, users, "POST", f"/mous/{MOU}/submit", "hkte", {"version": 2, "confirm_one_language": True})
    beyond = {"version": 2, "decision": "request_changes", "clause_comments": [{**ON_CLAUSE_2, "clause": 9}]}
    response = await api.post(f"/mous/{MOU}/reviews", headers=qianhai, json=beyond)
    assert response.status_code == 422 and "has no clause 9" in response.json()["detail"]
    empty = {"version": 2, "decision": "request_changes", "clause_comments": [{**ON_CLAUSE_2, "text": ""}]}
    assert (await api.post(f"/mous/{MOU}/reviews", headers=qianhai, json=empty)).status_code == 422
    after = await call(api, users, "GET", f"/mous/{MOU}", "hkte")
    assert after["comments"] == before["comments"] and after["awaiting_review"] == ["hkte", "qianhai"]
