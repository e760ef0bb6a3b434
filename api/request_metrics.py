"""Counts and times every request by method, route template and status (starlette_exporter): a path
becomes its template (`/mous/{mou_id}`), and one that matches no route is counted as `__unknown__`, so no
MoU id or token in a path ever becomes a label value. mouflow.metrics_endpoint serves them."""

from fastapi import FastAPI
from starlette_exporter import PrometheusMiddleware


def install(app: FastAPI) -> None:
    # added last, so outermost: a request the body limit or the address check refuses is counted too
    app.add_middleware(
        PrometheusMiddleware,
        app_name="mouflow",
        prefix="mouflow_http",
        group_paths=True,
        filter_unhandled_paths=False,
        group_unhandled_paths=True,
        always_use_int_status=True,
    )
