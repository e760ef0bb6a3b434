"""The web pages for people: server-rendered HTML from `templates/web/`, no external assets, no script."""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.allowed_methods import with_every_allowed_method
from api.problems import Problem, json_body, routing_problem
from api.web import (
    actions,
    closing_actions,
    desks,
    draft_pages,
    mou_pages,
    party_pages,
    reading_pages,
    sign_in,
    simplified_pages,
    start_pages,
)
from api.web.auth import WEB_PATH, SignInRequired, sign_in_url
from api.web.i18n import language_of
from api.web.refusals import refusal_in
from api.web.render import page
from mouflow.documents.environment import TEMPLATES_DIR
from mouflow.translations import Translator


def install(app: FastAPI) -> None:
    # /web/mous/new before mou_pages' /web/mous/{mou_id}, which would take "new" for an MoU's id
    for module in (
        sign_in,
        start_pages,
        mou_pages,
        actions,
        closing_actions,
        desks,
        party_pages,
        reading_pages,
        draft_pages,
        simplified_pages,
    ):
        app.include_router(module.router)
    app.mount(f"{WEB_PATH}/static", StaticFiles(directory=TEMPLATES_DIR / "web" / "static"), name="web-static")
    app.add_exception_handler(SignInRequired, _to_sign_in)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_api_route("/", _to_web, methods=["GET"], include_in_schema=False)


async def _to_sign_in(request: Request, error: Exception) -> Response:
    back_to = error.back_to if isinstance(error, SignInRequired) else f"{WEB_PATH}/mous"
    return RedirectResponse(sign_in_url(back_to), status_code=303)


async def _http_error(request: Request, error: Exception) -> Response:
    """An unknown page or a wrong method under /web/ gets a page with the pages' headers, not JSON; anywhere
    else, the API's error envelope, like every other refusal."""
    if not isinstance(error, StarletteHTTPException):
        raise error
    error = with_every_allowed_method(request, error)
    if request.url.path.startswith(f"{WEB_PATH}/"):
        problem = Problem(error.status_code, "http_error", str(error.detail), headers=dict(error.headers or {}))
        return await error_page(request, problem)
    problem = routing_problem(error)
    return JSONResponse(status_code=problem.status, content=json_body(problem), headers=problem.headers)


async def _to_web() -> Response:
    return RedirectResponse(f"{WEB_PATH}/mous", status_code=303)


async def error_page(request: Request, problem: Problem) -> Response:
    """A refusal on a web page: the API's status and words, in the page's frame."""
    words = refusal_in(problem, Translator(language_of(request)))
    answer = page(request, "error.html", {"problem": problem, "words": words}, problem.status)
    answer.headers.update(problem.headers)
    return answer
