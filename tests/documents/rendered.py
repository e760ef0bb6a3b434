"""Each kind of document rendered once per test session, the way the activity renders it."""

from datetime import timedelta
from functools import cache

from mouflow.demo import NANSHA
from mouflow.documents.environment import render_html
from mouflow.documents.models import DocumentKind, RenderDocument
from mouflow.documents.pdf import write_pdf
from mouflow.documents.plan import plan_document
from tests.documents.builders import DRAFT, EXECUTED, nansha_executed, request, with_progress
from tests.domain.builders import T0

AS_OF = T0 + timedelta(days=200)

REQUESTS = {
    "draft": lambda: request(DocumentKind.DRAFT, DRAFT),
    "partner_copy": lambda: request(DocumentKind.PARTNER_COPY, nansha_executed()),
    "executed": lambda: request(DocumentKind.EXECUTED, EXECUTED),
    "ceremony_programme": lambda: request(DocumentKind.CEREMONY_PROGRAMME, EXECUTED),
    "progress_report": lambda: request(
        DocumentKind.PROGRESS_REPORT, with_progress(), more_mous=[nansha_executed()], as_of=AS_OF
    ),
}
assert NANSHA.wants_simplified_copy


def render(render_request: RenderDocument) -> bytes:
    plan = plan_document(render_request)
    return write_pdf(render_html(plan.template, plan.context), archival=plan.archival, files=plan.files)


@cache
def pdf(name: str) -> bytes:
    return render(REQUESTS[name]())
