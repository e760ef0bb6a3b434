"""What to render for a request: the template, its context and the version, checked against the snapshot.

Everything here is pure: the request key is computed from the plan before anything is rendered.
"""

from dataclasses import dataclass
from typing import Any

from mouflow.documents import contexts
from mouflow.documents.agreed_text import agreed_text_file
from mouflow.documents.attachments import EmbeddedFile
from mouflow.documents.canonical import canonical_json, sha256_hex
from mouflow.documents.models import DocumentKind, Language, RenderDocument
from mouflow.errors import DocumentError

LANGUAGES = {
    DocumentKind.DRAFT: Language.BILINGUAL,
    DocumentKind.PARTNER_COPY: Language.SIMPLIFIED,
    DocumentKind.EXECUTED: Language.BILINGUAL,
    DocumentKind.CEREMONY_PROGRAMME: Language.BILINGUAL,
    DocumentKind.PROGRESS_REPORT: Language.BILINGUAL,
}


@dataclass(frozen=True)
class Plan:
    template: str
    context: dict[str, Any]
    version: int | None
    language: Language
    archival: bool  # PDF/A-3b: the executed MoU is kept for the long term
    files: tuple[EmbeddedFile, ...] = ()  # embedded in the PDF; the context holds their hashes, so the key covers them

    @property
    def request_key(self) -> str:
        """Same inputs, same key: a PDF embeds its creation time, so its own hash cannot be the key."""
        return sha256_hex(b"\n".join([self.template.encode(), canonical_json(self.context), self.language.encode()]))


def plan_document(request: RenderDocument) -> Plan:
    language = request.language or LANGUAGES[request.kind]
    if language is not LANGUAGES[request.kind]:
        raise DocumentError(f"a {request.kind} document is rendered in {LANGUAGES[request.kind]}, not {language}")
    version, context = _BUILDERS[request.kind](request)
    executed = request.kind is DocumentKind.EXECUTED
    files = (agreed_text_file(request.mou),) if executed else ()
    return Plan(f"{request.kind}.html", context, version, language, archival=executed, files=files)


_BUILDERS = {
    DocumentKind.DRAFT: contexts.draft,
    DocumentKind.PARTNER_COPY: contexts.partner_copy,
    DocumentKind.EXECUTED: contexts.executed,
    DocumentKind.CEREMONY_PROGRAMME: contexts.ceremony_programme,
    DocumentKind.PROGRESS_REPORT: contexts.progress_report,
}
