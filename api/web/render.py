"""Turning a page's context into an HTML response: one autoescaping, sandboxed Jinja environment for
`templates/web/`, the interface language, Hong Kong time, and the headers every page carries."""

from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from api.web.i18n import LANGUAGES, Translator, language_of
from mouflow.documents.environment import TEMPLATES_DIR
from mouflow.domain.calendar import hong_kong_time as in_hong_kong

# no script at all, styles only from our own file, nothing framed: an injected tag would have nothing to run
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",  # pages show one user's MoUs: no shared or back-button cache
}

_ENVIRONMENT = SandboxedEnvironment(
    loader=FileSystemLoader(TEMPLATES_DIR / "web"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def hong_kong_time(moment: datetime | None) -> str:
    return "—" if moment is None else in_hong_kong(moment)


_ENVIRONMENT.filters["hk"] = hong_kong_time


def page(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    language = language_of(request)
    html = _ENVIRONMENT.get_template(template).render(
        {
            **context,
            "t": Translator(language),
            "language": language,
            "languages": LANGUAGES,
            "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        }
    )
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)
