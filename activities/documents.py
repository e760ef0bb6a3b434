"""Activities that render MoU documents to PDF. Only a reference to the stored file goes back to Temporal."""

from sqlalchemy.orm import Session, sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

from activities.cancellation import uncancellable
from activities.heartbeat import heartbeating
from mouflow.documents.models import DocumentRef, RenderDocument
from mouflow.documents.renderer import DocumentRenderer
from mouflow.documents.storage import DocumentStorage
from mouflow.errors import DocumentError


class DocumentActivities:
    def __init__(
        self, storage: DocumentStorage, sessions: sessionmaker[Session], fetcher: URLFetcher | None = None
    ) -> None:
        self._renderer = DocumentRenderer(storage, sessions, fetcher)

    @activity.defn(name="documents.render")
    def render(self, request: RenderDocument) -> DocumentRef:
        try:
            with uncancellable(), heartbeating():  # WeasyPrint holds this thread for the whole render
                return self._renderer.render(request)
        except DocumentError as error:  # retrying would ask for the same impossible thing
            raise ApplicationError(str(error), type="DocumentError", non_retryable=True) from error
