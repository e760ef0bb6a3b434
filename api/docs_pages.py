"""The API's own documentation pages, /docs (Swagger UI) and /redoc, under a Content-Security-Policy like
every page's: their scripts come only from the one CDN FastAPI's pages name, and their one inline script is
allowed by its hash, computed from the page itself, so no other script can run there."""

import base64
import hashlib
import re

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

CDN = "https://cdn.jsdelivr.net"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def install(app: FastAPI) -> None:
    """`app` is made with docs_url=None and redoc_url=None: these routes stand in their place."""
    title = f"{app.title} API"
    swagger = _with_policy(get_swagger_ui_html(openapi_url=str(app.openapi_url), title=title))
    redoc = _with_policy(get_redoc_html(openapi_url=str(app.openapi_url), title=title))
    app.add_api_route("/docs", lambda: swagger, methods=["GET"], include_in_schema=False)
    app.add_api_route("/redoc", lambda: redoc, methods=["GET"], include_in_schema=False)


def _with_policy(page: HTMLResponse) -> HTMLResponse:
    html = bytes(page.body).decode()
    hashes = " ".join(f"'sha256-{_digest(script)}'" for script in INLINE_SCRIPT.findall(html))
    policy = (
        f"default-src 'none'; script-src {CDN} {hashes}; style-src {CDN} https://fonts.googleapis.com 'unsafe-inline'; "
        f"img-src {CDN} https://fastapi.tiangolo.com data:; font-src {CDN} https://fonts.gstatic.com; "
        "connect-src 'self'; worker-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff"})


def _digest(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
