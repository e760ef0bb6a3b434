"""Turning a page's context into an HTML response: one autoescaping, sandboxed Jinja environment for
`templates/web/`, the interface language, Hong Kong time, and the headers every page carries."""

from datetime import date, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from api.web.i18n import language_of
from mouflow.chinese import in_script
from mouflow.dates_in_words import day_in_words, moment_in_words
from mouflow.documents.environment import TEMPLATES_DIR
from mouflow.event_said import event_said
from mouflow.reader_names import name_in, party_name
from mouflow.translations import LANGUAGES, Translator

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


@pass_context
def hong_kong_time(context: Context, moment: datetime | None) -> str:
    return moment_in_words(moment, context["language"])


@pass_context
def day(context: Context, value: date | None) -> str:
    return day_in_words(value, context["language"])


_ENVIRONMENT.filters["hk"] = hong_kong_time
_ENVIRONMENT.filters["day"] = day
_ENVIRONMENT.filters["script"] = in_script  # Chinese kept in Traditional characters, as the reader reads it
_ENVIRONMENT.globals["name_in"] = name_in
_ENVIRONMENT.globals["party_name"] = party_name
_ENVIRONMENT.globals["event_said"] = event_said


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
