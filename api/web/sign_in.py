"""Signing in and out of the web pages, and choosing their language."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import SessionDep, client_address
from api.sign_in_limits import sign_in_attempt
from api.web.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    WEB_PATH,
    CheckedForm,
    CsrfError,
    local_target,
    login_csrf,
    require_same_site,
    set_cookie,
    set_session_cookie,
)
from api.web.i18n import LANGUAGE_COOKIE
from api.web.render import page
from mouflow.store.users import get_user_by_token
from mouflow.store.web_sessions import close_session, open_session
from mouflow.translations import LANGUAGES

router = APIRouter(prefix=WEB_PATH, include_in_schema=False)
YEAR = 365 * 24 * 3600


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    return _login_form(request, local_target(next), error=None, status_code=200)


def _login_form(request: Request, back_to: str, error: str | None, status_code: int) -> Response:
    csrf = login_csrf(request)
    response = page(request, "login.html", {"csrf_token": csrf, "next": back_to, "error": error}, status_code)
    set_cookie(request, response, LOGIN_CSRF_COOKIE, csrf, max_age=3600)
    return response


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    token: Annotated[str, Form(max_length=200)],
    csrf_token: Annotated[str, Form(max_length=100)] = "",  # missing is refused as CSRF (403), not as input
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    require_same_site(request)
    if not csrf_token or csrf_token != request.cookies.get(LOGIN_CSRF_COOKIE):
        raise CsrfError("the sign-in form is out of date; reload the page and try again")
    with sign_in_attempt(client_address(request)) as attempt:
        user = get_user_by_token(session=session, token=token.strip())
        attempt.failed = user is None
    if user is None:
        return _login_form(request, local_target(next), error="the token is not valid", status_code=401)
    cookie = open_session(session=session, user=user)  # committed before the redirect goes out (api/deps.py)
    response = RedirectResponse(local_target(next), status_code=303)
    set_session_cookie(request, response, cookie)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=WEB_PATH)
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, _: CheckedForm) -> Response:
    close_session(session=session, cookie=request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse(f"{WEB_PATH}/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path=WEB_PATH)
    return response


@router.get("/language/{language}")
def choose_language(request: Request, language: str, next: str | None = None) -> Response:
    response = RedirectResponse(local_target(next), status_code=303)
    if language in LANGUAGES:
        set_cookie(request, response, LANGUAGE_COOKIE, language, max_age=YEAR)
    return response
