"""One context builder per kind of document: (version rendered, context for its template)."""

from datetime import date
from typing import Any

from mouflow.documents import context_parts
from mouflow.documents.canonical import AGREED_TEXT_FILE, FINGERPRINT_SCOPE, agreed_text_fingerprint
from mouflow.documents.chinese import simplify_chinese
from mouflow.documents.formatting import day, moment
from mouflow.documents.models import RenderDocument
from mouflow.documents.timeline import chart
from mouflow.documents.wording import names_joined, parties_together
from mouflow.domain.calendar import local_date
from mouflow.domain.state import DraftVersion, MouState
from mouflow.errors import DocumentError

Built = tuple[int | None, dict[str, Any]]


def _common(mou: MouState) -> dict[str, Any]:
    return {"mou_id": mou.mou_id, "parties": context_parts.parties(mou)}


def _version(mou: MouState, number: int | None) -> DraftVersion:
    number = number or mou.executed_version or mou.current_version.number
    if not 1 <= number <= len(mou.versions):
        raise DocumentError(f"MoU {mou.mou_id} has no version {number}")
    return mou.versions[number - 1]


def draft(request: RenderDocument) -> Built:
    mou = request.mou
    version = _version(mou, request.version or mou.current_version.number)
    return version.number, {
        **_common(mou),
        "version": version.number,
        "created": moment(version.created_at, context_parts.HONG_KONG),
        "text": context_parts.agreed_text(version.content, mou),
    }


def partner_copy(request: RenderDocument) -> Built:
    """The chosen version (by default the executed one, else the current draft) in Simplified Chinese."""
    mou = request.mou
    if not any(partner.wants_simplified_copy for partner in mou.partners):
        raise DocumentError(f"no partner of MoU {mou.mou_id} asked for a Simplified Chinese copy")
    version = _version(mou, request.version)
    context = {**_common(mou), "version": version.number, "text": context_parts.agreed_text(version.content, mou)}
    return version.number, {**simplify_chinese(context), "executed": version.number == mou.executed_version}


def executed(request: RenderDocument) -> Built:
    mou = request.mou
    if mou.executed_version is None or request.version not in (None, mou.executed_version):
        raise DocumentError(f"MoU {mou.mou_id} has no executed version {request.version or ''}".rstrip())
    return mou.executed_version, {
        **_common(mou),
        "version": mou.executed_version,
        "text": context_parts.agreed_text(mou.executed_content, mou),
        "parties_together": parties_together(len(mou.parties)),  # "both parties" only when there are two
        "effective_date": day(mou.terms[0].effective_date if mou.terms else None),  # the first term's, as signed
        "signatures": [context_parts.signature(mou, record) for record in mou.signatures],
        "ceremony": context_parts.ceremony(mou.ceremony),
        "fingerprint": agreed_text_fingerprint(mou),
        "fingerprint_scope": FINGERPRINT_SCOPE,
        "fingerprint_file": AGREED_TEXT_FILE,  # attached to the PDF: the bytes the fingerprint hashes
    }


def ceremony_programme(request: RenderDocument) -> Built:
    mou = request.mou
    if mou.ceremony is None:
        raise DocumentError(f"MoU {mou.mou_id} has no signing ceremony scheduled")
    title = mou.versions[(mou.approved_version or mou.current_version.number) - 1].content.title
    signing = names_joined([party.name.model_dump() for party in mou.parties])  # "A, B and C", not "A and B and C"
    return None, {
        **_common(mou),
        "title": title.model_dump(),
        "signing": signing,
        "ceremony": context_parts.ceremony(mou.ceremony),
    }


def progress_report(request: RenderDocument) -> Built:
    today = local_date(request.as_of) if request.as_of else None
    reports = [_milestone_report(mou, today) for mou in [request.mou, *request.more_mous]]
    return None, {"reports": reports, "as_of": day(today)}


def _milestone_report(mou: MouState, today: date | None) -> dict[str, Any]:
    milestones = [*(m for term in mou.terms for m in term.past_milestones), *mou.milestones]  # every term's
    return {
        **_common(mou),
        "title": mou.executed_content.title.model_dump(),
        "stage": str(mou.stage),
        "milestones": [context_parts.milestone(mou, milestone) for milestone in milestones],
        "chart": chart(mou, milestones, today) if milestones else None,
    }
