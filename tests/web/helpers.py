"""The web pages over HTTP, without a browser: a visitor per user with a cookie jar of its own, pages
parsed for their forms and texts, and the MoUs they act on started through the API.

Test modules import the fixtures `web` and `users` by their functions' names:
`from tests.web.helpers import users_fixture, web_fixture  # noqa: F401`.
"""

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from api.main import create_app
from mouflow.documents.storage import DiskStorage
from mouflow.domain.enums import Role
from tests import symposium as case
from tests.api.conftest import Users, make_users
from tests.conftest import TEST_SETTINGS, running_worker

BASE_URL = "http://mouflow.test"
VOID_TAGS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
CONTENT = case.QIANHAI_MOU.content.model_dump(mode="json")


class Page(HTMLParser):
    """One HTML answer: its forms by id (their fields, with `_action`), and the text of every element with an id."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__()
        self.response, self.status = response, response.status_code
        self.forms: dict[str, dict[str, str]] = {}
        self.texts: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []
        self._form: dict[str, str] | None = None
        self.feed(response.text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "form":
            self._form = self.forms.setdefault(named.get("id") or named.get("action") or "", {})
            self._form["_action"] = named.get("action") or ""
        elif tag in {"input", "textarea"} and self._form is not None and named.get("name"):
            self._form[named["name"] or ""] = named.get("value") or ""
        if tag not in VOID_TAGS:
            self._open.append((tag, named.get("id")))
            if named.get("id"):
                self.texts.setdefault(named["id"] or "", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        while self._open and self._open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        for _, element_id in self._open:
            if element_id:
                self.texts[element_id] += data

    def text(self, element_id: str) -> str:
        return " ".join(self.texts[element_id].split())


@dataclass
class Visitor:
    """One browser: its own cookies, and the session's forms as the pages drew them."""

    client: httpx.AsyncClient

    async def get(self, path: str, **kwargs: Any) -> Page:
        return Page(await self.client.get(path, **kwargs))

    async def post(self, form: dict[str, str], changes: dict[str, str | None] | None = None, **kwargs: Any) -> Page:
        """Posts a parsed form to its action; a change to None leaves that field out."""
        fields = {name: value for name, value in form.items() if name != "_action"}
        for name, value in (changes or {}).items():
            if value is None:
                fields.pop(name, None)
            else:
                fields[name] = value
        return Page(await self.client.post(form["_action"], data=fields, **kwargs))

    @property
    def session_cookie(self) -> str:
        return self.client.cookies["mouflow_session"]


@dataclass
class Site:
    """The app on a real Temporal server and database; `api` is a bearer-token client for the same app."""

    transport: httpx.ASGITransport
    users: Users
    api: httpx.AsyncClient
    _stack: AsyncExitStack = field(repr=False)

    async def visitor(self, headers: dict[str, str] | None = None) -> Visitor:
        client = httpx.AsyncClient(transport=self.transport, base_url=BASE_URL, headers=headers)
        return Visitor(await self._stack.enter_async_context(client))

    async def signed_in(self, party: str, role: Role = Role.OFFICER, headers: dict[str, str] | None = None) -> Visitor:
        return await self.signed_in_with(self.users.token(party, role), headers)

    async def signed_in_with(self, token: str, headers: dict[str, str] | None = None) -> Visitor:
        visitor = await self.visitor(headers)
        login = await visitor.get("/web/login")
        response = await visitor.client.post("/web/login", data={**_fields(login, "/web/login"), "token": token})
        assert response.status_code == 303, response.text
        return visitor

    async def call(self, method: str, path: str, party: str, role: Role = Role.OFFICER, **kwargs: Any) -> Any:
        """A bearer call that must succeed; its JSON."""
        response = await self.api.request(method, path, headers=self.users.headers(party, role), **kwargs)
        assert response.status_code in {200, 201}, f"{method} {path}: {response.status_code} {response.text}"
        return response.json()

    async def detail(self, mou_id: str) -> dict[str, Any]:
        return await self.call("GET", f"/mous/{mou_id}", "hkte", Role.MANAGER)  # type: ignore[no-any-return]

    async def audit(self, mou_id: str) -> list[str]:
        return [e["what"] for e in await self.call("GET", f"/mous/{mou_id}/audit?limit=500", "hkte", Role.MANAGER)]

    async def start(self, mou_id: str, partner: str = "qianhai", submit: bool = True) -> None:
        """An HKTE MoU with one partner, in review of version 1 unless `submit` is false."""
        content = CONTENT if partner == "qianhai" else case.NANSHA_MOU.content.model_dump(mode="json")
        body = {"mou_id": mou_id, "partner_ids": [partner], "content": content}
        await self.call("POST", "/mous", "hkte", json=body)
        if submit:
            await self.call("POST", f"/mous/{mou_id}/submit", "hkte", json={"version": 1})


def _fields(page: Page, form_key: str) -> dict[str, str]:
    return {name: value for name, value in page.forms[form_key].items() if name != "_action"}


@pytest.fixture(name="users")
def users_fixture(sessions: sessionmaker[Session]) -> Users:
    return make_users(sessions)


@pytest.fixture(name="web")
async def web_fixture(
    temporal: WorkflowEnvironment, task_queue: str, sessions: sessionmaker[Session], users: Users, tmp_path: Path
) -> AsyncIterator[Site]:
    """What tests/api's `api` fixture builds, with room for a client per visitor on the same app (named
    `web`: tests/web/conftest.py's `site` serves the browser tests)."""
    storage = DiskStorage(tmp_path / "documents")
    app = create_app(
        TEST_SETTINGS.model_copy(update={"task_queue": task_queue}),
        sessions=sessions,
        temporal=temporal.client,
        storage=storage,
    )
    async with running_worker(temporal.client, task_queue, sessions, storage), AsyncExitStack() as stack:
        transport = httpx.ASGITransport(app=app)
        api = await stack.enter_async_context(httpx.AsyncClient(transport=transport, base_url=BASE_URL))
        yield Site(transport, users, api, stack)
