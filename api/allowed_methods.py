"""A 405 names in `Allow` every method its path takes. Starlette names those of the first route whose path
matched only, and FastAPI makes a route per method: `GET /mous` and `POST /mous` are two routes. Each method is
tried against the routes as a request would be, so that included routers are asked as the router asks them."""

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Match

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def with_every_allowed_method(request: Request, error: HTTPException) -> HTTPException:
    if error.status_code != 405:
        return error
    allowed = [method for method in METHODS if _taken(request, method)]
    headers = dict(error.headers or {}) | {"Allow": ", ".join(allowed)}
    return HTTPException(error.status_code, error.detail, headers)


def _taken(request: Request, method: str) -> bool:
    scope = dict(request.scope) | {"method": method}
    return any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes)
