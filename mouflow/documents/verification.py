"""Is this PDF a genuine executed copy? Three checks, each with a sentence saying what it found.

1. fingerprint: the attached agreed-text.json hashes to the fingerprint the PDF records;
2. store: the documents table records this very file (its SHA-256) as an executed copy;
3. audit: the audit log holds the entry written with that record, intact and in its chain.
"""

from pydantic import BaseModel
from sqlalchemy.orm import Session

from mouflow.documents.audit_entries import find_executed_copy
from mouflow.documents.canonical import AGREED_TEXT_FILE, sha256_hex
from mouflow.documents.embedded import AgreedText, read_agreed_text
from mouflow.documents.models import DocumentKind
from mouflow.documents.records import find_document_by_sha256
from mouflow.store.audit_verify import check_entry
from mouflow.store.tables import DocumentRow


class Check(BaseModel):
    name: str
    ok: bool
    message: str


class Verification(BaseModel):
    pdf_sha256: str
    fingerprint: str  # the SHA-256 of the attached agreed text, as recomputed
    mou_id: str | None  # from the store's record, when there is one
    checks: list[Check]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)


def verify_executed_copy(*, session: Session, pdf: bytes) -> Verification:
    """Raises NotAnExecutedCopy when the file is not a PDF or carries no agreed text."""
    agreed, pdf_sha256 = read_agreed_text(pdf), sha256_hex(pdf)
    fingerprint = sha256_hex(agreed.data)
    row = find_document_by_sha256(session=session, sha256=pdf_sha256)
    checks = [_fingerprint(agreed, fingerprint), _store(row, pdf_sha256), _audit(session, row, fingerprint)]
    return Verification(
        pdf_sha256=pdf_sha256, fingerprint=fingerprint, mou_id=row.mou_id if row else None, checks=checks
    )


def _fingerprint(agreed: AgreedText, fingerprint: str) -> Check:
    recorded = agreed.recorded_fingerprint
    if recorded is None:
        return Check(name="fingerprint", ok=False, message=f"the PDF records no fingerprint for {AGREED_TEXT_FILE}")
    if recorded != fingerprint:
        message = f"{AGREED_TEXT_FILE} hashes to {fingerprint}, but the PDF records {recorded}: one of them was altered"
        return Check(name="fingerprint", ok=False, message=message)
    return Check(name="fingerprint", ok=True, message=f"{AGREED_TEXT_FILE} hashes to {fingerprint}, as the PDF records")


def _store(row: DocumentRow | None, pdf_sha256: str) -> Check:
    if row is None:
        message = f"no document in the store has this file's SHA-256 {pdf_sha256}: mouflow did not issue this file"
        return Check(name="store", ok=False, message=message)
    if row.kind != DocumentKind.EXECUTED:
        return Check(name="store", ok=False, message=f"the store records this file as a {row.kind}, not executed")
    message = f"the store records this file as document {row.id}, the executed copy of MoU {row.mou_id} v{row.version}"
    return Check(name="store", ok=True, message=message)


def _audit(session: Session, row: DocumentRow | None, fingerprint: str) -> Check:
    if row is None:
        return Check(name="audit", ok=False, message="not checked: the store has no record of this file")
    entry = find_executed_copy(session=session, row=row, fingerprint=fingerprint)
    if entry is None:
        message = f"the audit log holds no entry recording document {row.id} with this file and this fingerprint"
        return Check(name="audit", ok=False, message=message)
    if fault := check_entry(session=session, entry=entry):
        return Check(name="audit", ok=False, message=f"audit entry {entry.id} records it, but {fault}")
    message = f"audit entry {entry.id} ({entry.at:%Y-%m-%d %H:%M} UTC) records this file and this fingerprint"
    return Check(name="audit", ok=True, message=message)
