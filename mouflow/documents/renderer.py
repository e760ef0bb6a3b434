"""Rendering a document request exactly once: the same inputs give back the stored document.

Used by the worker's activity and by the API's on-demand reports alike.
"""

import logging

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

from mouflow.documents.audit_entries import record_executed_copy
from mouflow.documents.canonical import agreed_text_fingerprint
from mouflow.documents.environment import render_html
from mouflow.documents.models import DocumentKind, DocumentRef, RenderDocument
from mouflow.documents.pdf import write_pdf
from mouflow.documents.plan import Plan, plan_document
from mouflow.documents.records import add_document, get_document, to_ref
from mouflow.documents.storage import DocumentStorage
from mouflow.metrics import count_stored_render, rendering
from mouflow.store.db import session_scope

log = logging.getLogger(__name__)


class DocumentRenderer:
    def __init__(
        self, storage: DocumentStorage, sessions: sessionmaker[Session], fetcher: URLFetcher | None = None
    ) -> None:
        self._storage = storage
        self._sessions = sessions
        self._fetcher = fetcher  # None: a fresh TemplatesOnlyFetcher per render; tests pass a spy

    def render(self, request: RenderDocument) -> DocumentRef:
        """Raises DocumentError when the request cannot be met (no such version, nothing executed)."""
        plan = plan_document(request)
        stored = self._stored(plan.request_key)
        if stored is not None:
            log.info("%s for %s already rendered", request.kind, request.workflow_id)
            count_stored_render(request.kind.value)
            return stored
        with rendering(request.kind.value):
            html = render_html(plan.template, plan.context)
            pdf = write_pdf(html, archival=plan.archival, fetcher=self._fetcher, files=plan.files)
            return self._record(request, plan, pdf)

    def _stored(self, request_key: str) -> DocumentRef | None:
        with session_scope(self._sessions) as session:
            row = get_document(session=session, request_key=request_key)
            return to_ref(row) if row else None

    def _record(self, request: RenderDocument, plan: Plan, pdf: bytes) -> DocumentRef:
        """Row first, file second, then the audit entry of an executed copy, one transaction: a render that
        loses a race writes no file and no entry."""
        try:
            with session_scope(self._sessions) as session:
                row = add_document(session=session, mou_id=request.mou.mou_id, kind=request.kind, plan=plan, pdf=pdf)
                self._storage.put(pdf)  # before the commit: a committed row always has its file
                if request.kind is DocumentKind.EXECUTED:  # after the file: the audit head is locked briefly
                    record_executed_copy(session=session, row=row, fingerprint=agreed_text_fingerprint(request.mou))
                return to_ref(row)
        except IntegrityError:
            winner = self._stored(plan.request_key)
            if winner is None:
                raise
            return winner
