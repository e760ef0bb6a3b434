"""Text from users stays text: no markup, no template code, no file or network access."""

import socket
from pathlib import Path

import pytest
from weasyprint.urls import FatalURLFetchingError

from activities.documents import DocumentActivities
from mouflow.demo import QIANHAI, symposium_mou
from mouflow.documents.environment import TEMPLATES_DIR, render_html
from mouflow.documents.fetcher import TemplatesOnlyFetcher
from mouflow.documents.models import DocumentKind
from mouflow.documents.pdf import write_pdf
from mouflow.documents.plan import plan_document
from mouflow.documents.storage import DiskStorage
from mouflow.domain import drafting
from mouflow.domain.content import Bilingual, BilingualText, Clause
from mouflow.domain.rules import CURRENT_RULES
from mouflow.domain.state import MouState
from tests.documents.builders import request
from tests.documents.conftest import squeezed, text_of
from tests.documents.pdf_inspect import has_images
from tests.domain.builders import T0

HOSTILE_EN = '<img src="file:///etc/passwd"> <script>alert(1)</script> {{ 7*7 }} see http://example.com/x.png'
HOSTILE_ZH = "<script>alert(1)</script>{{ 7*7 }}"


class SpyFetcher(TemplatesOnlyFetcher):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
        self.asked.append(url)
        return super().fetch(url, headers)


def hostile_draft() -> MouState:
    start = symposium_mou(QIANHAI, "hkte-qianhai-hostile")
    clause = Clause(
        heading=Bilingual(en="<b>Bold</b> {{ 7*7 }}", zh="{% raw %}"), text=BilingualText(en=HOSTILE_EN, zh=HOSTILE_ZH)
    )
    content = start.content.model_copy(update={"clauses": [*start.content.clauses, clause]})
    state, _ = drafting.start_mou(start.model_copy(update={"content": content}), T0, CURRENT_RULES)
    return state


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def refuse(_socket: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network access in a document test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_hostile_clause_is_rendered_as_literal_text(sessions, storage: DiskStorage, no_network: list[object]) -> None:  # type: ignore[no-untyped-def]
    spy = SpyFetcher()
    ref = DocumentActivities(storage, sessions, fetcher=spy).render(request(DocumentKind.DRAFT, hostile_draft()))
    pdf = storage.read(ref.sha256)
    text = text_of(pdf)
    for literal in [HOSTILE_EN, HOSTILE_ZH, "<b>Bold</b> {{ 7*7 }}", "{% raw %}"]:
        assert squeezed(literal) in squeezed(text), literal
    assert not has_images(pdf)
    assert spy.asked and all(url.startswith(TEMPLATES_DIR.as_uri() + "/") for url in spy.asked), spy.asked
    assert no_network == []


def test_html_escapes_markup_from_users() -> None:
    plan = plan_document(request(DocumentKind.DRAFT, hostile_draft()))
    html = render_html(plan.template, plan.context)
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html and "<script>" not in html
    assert "{{ 7*7 }}" in html and "<b>Bold</b>" not in html


def test_markup_that_slipped_through_still_cannot_load_anything(tmp_path: Path) -> None:
    for tag in [
        '<img src="file:///etc/passwd">',
        '<img src="http://example.com/x.png">',
        '<link rel=stylesheet href="../pyproject.toml">',
    ]:
        with pytest.raises(FatalURLFetchingError):
            write_pdf(f"<html><body><p>x</p>{tag}</body></html>")
