"""Counts and times every request by method, route template and status: a path becomes its route's
template (`/mous/{mou_id}`), and one that matches no route is counted as `__unknown__`, so no MoU id or
token in a path ever becomes a label value. mouflow.metrics_endpoint serves them.

Starlette's router records the route it matched in the request's scope; reading it there costs nothing,
where starlette_exporter matches the path against every route once more (200 µs a request on ours).
"""

import time

from fastapi import FastAPI
from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNKNOWN = "__unknown__"
LABELS = ["method", "path", "status_code"]
REQUESTS = Counter("mouflow_http_requests", "HTTP requests answered, by route template and status", LABELS)
REQUEST_SECONDS = Histogram(
    "mouflow_http_request_duration_seconds",
    "Time from a request's arrival to the end of its answer",
    LABELS,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


class RequestMetrics:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500  # what a request that raises past every handler answers

        async def noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, noting_status)
        finally:
            labels = (scope["method"], route_template(scope), str(status))
            REQUESTS.labels(*labels).inc()
            REQUEST_SECONDS.labels(*labels).observe(time.perf_counter() - started)


def route_template(scope: Scope) -> str:
    path = getattr(scope.get("route"), "path", None)
    return path if isinstance(path, str) else UNKNOWN


def install(app: FastAPI) -> None:
    # added last, so outermost: a request the body limit or the address check refuses is counted too
    app.add_middleware(RequestMetrics)
