"""Who is signed in to the web pages, and whether a form really came from one of our pages.

A session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) names a stored session; every form
carries that session's CSRF token, and a form posted from another site is refused even before the
token is compared. The sign-in form, which has no session yet, uses a double-submit cookie instead.
"""

import hmac
import secrets
from dataclasses import replace
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request, Response
from starlette.datastructures import FormData

from api.access import sees_everything
from api.body_limits import CONTROL
from api.deps import SessionDep
from mouflow.errors import ForbiddenError, InvalidError
from mouflow.store.db import transaction
from mouflow.store.web_sessions import SESSION_LIFETIME, SignedIn, find_session

SESSION_COOKIE = "mouflow_session"
LOGIN_CSRF_COOKIE = "mouflow_login_csrf"
WEB_PATH = "/web"


class SignInRequired(Exception):
    """Answered with a redirect to the sign-in page, which comes back here afterwards."""

    def __init__(self, back_to: str) -> None:
        super().__init__(back_to)
        self.back_to = back_to


class CsrfError(ForbiddenError):
    code = "csrf"


def signed_in(request: Request, session: SessionDep) -> SignedIn:
    cookie = request.cookies.get(SESSION_COOKIE)
    # the connection goes back to the pool at once, as a form post goes on to wait for a workflow; the user
    # comes out of the ended transaction detached, with its columns loaded
    with transaction(session):
        found = find_session(session=session, cookie=cookie) if cookie else None
        if found is not None:
            found = replace(found, audits=sees_everything(session, found.user))
    if found is None:
        raise SignInRequired(_back_to(request))
    request.state.reads = found.reads  # the page's language unless the user picked one (api.web.i18n)
    return found


def _back_to(request: Request) -> str:
    """Where signing in again leads: this page, or for a form posted after the session ended the page
    the form was on (its action answers only POST), without its query (a `?done=` would claim the post
    was saved); our own pages only."""
    if request.method == "GET":
        return request.url.path + (f"?{request.url.query}" if request.url.query else "")
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc != request.url.netloc:
        return f"{WEB_PATH}/mous"
    return local_target(referer.path)


WebUser = Annotated[SignedIn, Depends(signed_in)]


# a draft at the content model's bounds: 200 clauses of 4 fields, 600 milestones of 8, 20 scope areas of 2,
# the single fields, the counts, the partners and the form's own; Starlette's default is 1000
DRAFT_MAX_FIELDS = 6000


async def checked_form(request: Request, who: WebUser) -> FormData:
    """The posted form, once it is known to come from one of this session's own pages."""
    return await _checked(request, who, max_fields=1000)


async def checked_draft_form(request: Request, who: WebUser) -> FormData:
    """A draft's form (the editor, the new MoU): as many fields as the largest draft has."""
    return await _checked(request, who, max_fields=DRAFT_MAX_FIELDS)


async def _checked(request: Request, who: SignedIn, max_fields: int) -> FormData:
    form = await request.form(max_fields=max_fields)
    require_same_site(request)
    sent = form.get("csrf_token")
    if not isinstance(sent, str) or not hmac.compare_digest(sent, who.csrf_token):
        raise CsrfError("the form is out of date or did not come from mouflow; reload the page and try again")
    if any(isinstance(value, str) and CONTROL.search(value) for _, value in form.multi_items()):
        # as a JSON body's text is checked (api/body_limits.py): nothing of it is kept
        raise InvalidError(
            "a field holds a control character or a bidirectional override, which text may not hold; "
            "remove it and try again"
        )
    return form


def require_same_site(request: Request) -> None:
    """Browsers say where a form came from, in Sec-Fetch-Site or in Origin; an old browser that says neither
    still meets the token check. Origin names the page's host, which must be this one's or MOUFLOW_PUBLIC_URL's:
    the scheme is left out, since a proxy in front may end TLS and pass the request on in plain HTTP."""
    if request.headers.get("sec-fetch-site", "same-origin") not in {"same-origin", "none"}:
        raise CsrfError("a form posted from another site is refused")
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc.lower() not in _own_hosts(request):
        raise CsrfError("a form posted from another site is refused")  # "null" too: a sandboxed or opaque page


def _own_hosts(request: Request) -> set[str]:
    """The host the request names, and the public address people use: a proxy in front may pass the request
    on under a Host of its own (nginx does, unless told otherwise)."""
    public_url = request.app.state.settings.public_url
    return {request.url.netloc.lower(), *([urlsplit(public_url).netloc.lower()] if public_url else [])}


CheckedForm = Annotated[FormData, Depends(checked_form)]
CheckedDraftForm = Annotated[FormData, Depends(checked_draft_form)]


def login_csrf(request: Request) -> str:
    return request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=WEB_PATH,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def set_session_cookie(request: Request, response: Response, cookie: str) -> None:
    set_cookie(request, response, SESSION_COOKIE, cookie, int(SESSION_LIFETIME.total_seconds()))


def local_target(back_to: str | None) -> str:
    """Only our own pages: `next=https://evil.example` must not make sign-in an open redirect."""
    if back_to and back_to.startswith(WEB_PATH + "/") and not back_to.startswith("//") and "\\" not in back_to:
        return back_to
    return f"{WEB_PATH}/mous"


def sign_in_url(back_to: str) -> str:
    return f"{WEB_PATH}/login?next={quote(back_to, safe='')}"
