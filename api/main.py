"""The FastAPI app: officers act, partners check status, managers audit. `uvicorn api.main:app`."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.orm import Session, sessionmaker
from temporalio.client import Client

from api import docs_pages, openapi_errors, problems, request_metrics, web
from api.body_limits import BodyLimits
from api.public_address import PublicAddressCheck
from api.routes import (
    agreed_text,
    audit,
    calendars,
    comments,
    documents,
    milestones,
    mous,
    parties,
    redlines,
    reports,
    review_and_signing,
    webhooks,
)
from mouflow.config import Settings
from mouflow.documents.renderer import DocumentRenderer
from mouflow.documents.storage import DiskStorage, DocumentStorage
from mouflow.logs import redact_secrets
from mouflow.metrics_endpoint import serve_metrics
from mouflow.sealed_secrets import Sealer
from mouflow.sessions import sessions_from
from mouflow.temporal import connect

DESCRIPTION = (
    "Drafting, review, signing and follow-up of cross-region Memoranda of Understanding, each MoU a "
    "Temporal workflow. Authenticate with `Authorization: Bearer <token>`."
)


def create_app(
    settings: Settings | None = None,
    sessions: sessionmaker[Session] | None = None,
    temporal: Client | None = None,
    storage: DocumentStorage | None = None,
) -> FastAPI:
    """Tests pass their own database and Temporal client; the server builds both from settings."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        redact_secrets()  # the server has configured its loggers by now: its access log writes every path
        if sessions is None:
            # migrated before the API starts (ops.up, or python -m mouflow.store.migrate)
            app.state.sessions = sessions_from(settings)
            app.state.renderer = DocumentRenderer(app.state.storage, app.state.sessions)
        app.state.temporal = temporal or await connect(
            settings, serve_metrics(settings, port=settings.api_metrics_port)
        )
        yield

    app = FastAPI(
        title="mouflow", description=DESCRIPTION, version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None
    )
    app.state.settings, app.state.sessions, app.state.temporal = settings, sessions, temporal
    app.state.storage = storage or DiskStorage.from_settings(settings)
    app.state.sealer = Sealer(settings)  # its key is read when a secret is first sealed or opened
    if sessions is not None:
        app.state.renderer = DocumentRenderer(app.state.storage, sessions)

    problems.install(app, page=web.error_page)
    for module in (
        parties,
        mous,
        review_and_signing,
        comments,
        milestones,
        documents,
        agreed_text,
        audit,
        redlines,
        reports,
        webhooks,
        calendars,
    ):
        app.include_router(module.router)
    web.install(app)
    docs_pages.install(app)
    openapi_errors.install(app)
    app.add_middleware(BodyLimits)
    app.add_middleware(PublicAddressCheck, settings=settings)
    request_metrics.install(app)
    app.add_api_route("/healthz", healthz, methods=["GET"], tags=["health"])
    return app


def healthz() -> dict[str, str]:
    """Answers while the process serves requests; it does not reach Temporal or the database."""
    return {"status": "ok"}


app = create_app()
