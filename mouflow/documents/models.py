"""What the workflow asks for and what it gets back: a key to a stored PDF, never its bytes."""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from mouflow.domain.enums import DocumentKind
from mouflow.domain.state import MouState

__all__ = ["DocumentKind", "DocumentRef", "Language", "RenderDocument"]  # DocumentKind: where it always was


class Language(StrEnum):
    BILINGUAL = "en+zh-Hant"  # English and Traditional Chinese: the languages every MoU is executed in
    SIMPLIFIED = "zh-Hans"  # the courtesy copy for Mainland partners


class RenderDocument(BaseModel):
    workflow_id: str
    kind: DocumentKind
    version: int | None = Field(default=None, ge=1)  # None: the current draft, or the executed version
    language: Language | None = None  # None: the kind's own language
    mou: MouState  # the snapshot to render, as the workflow holds it
    more_mous: list[MouState] = []  # a progress report may cover several MoUs
    as_of: datetime | None = None  # a progress report's "today"; the workflow passes workflow.now()


class DocumentRef(BaseModel):
    document_id: str
    kind: DocumentKind
    version: int | None
    language: Language
    sha256: str  # of the PDF bytes: the storage key
    size: int
    created_at: datetime
