"""The PDFs as files: embedded subset CJK fonts, PDF/A-3b for the executed MoU, hashes that match."""

import hashlib
import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from activities.documents import DocumentActivities
from mouflow.documents.models import DocumentKind, Language
from mouflow.documents.storage import DiskStorage
from mouflow.store.tables import DocumentRow
from tests.documents.builders import EXECUTED, request
from tests.documents.pdf_inspect import font_file, fonts, output_intents, pdfa_identification
from tests.documents.rendered import REQUESTS, pdf


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_every_font_is_an_embedded_subset_of_noto_cjk(name: str) -> None:
    used = fonts(pdf(name))
    assert used
    for font_name, font in used.items():
        assert re.match(r"^/[A-Z]{6}\+", font_name), f"{font_name} is not a subset"
        assert font_file(font) is not None, f"{font_name} is not embedded"
        # a fallback font without CJK coverage would show up here under another family name
        assert "Noto" in font_name and "CJK" in font_name, font_name


def test_simplified_copy_uses_the_simplified_fonts() -> None:
    assert all("CJK-SC" in name for name in fonts(pdf("partner_copy")))


def test_executed_mou_declares_pdfa_3b() -> None:
    assert pdfa_identification(pdf("executed")) == ("3", "B")
    assert output_intents(pdf("executed")) == ["/GTS_PDFA1"]  # the colour space PDF/A requires


def test_a_draft_is_not_archival() -> None:
    assert pdfa_identification(pdf("draft")) == (None, None)


def test_stored_executed_mou_matches_its_record_and_its_file(
    documents: DocumentActivities, storage: DiskStorage, sessions: sessionmaker[Session]
) -> None:
    ref = documents.render(request(DocumentKind.EXECUTED, EXECUTED))
    data = storage.read(ref.sha256)
    assert hashlib.sha256(data).hexdigest() == ref.sha256 and len(data) == ref.size
    assert storage.path(ref.sha256) == storage.root / ref.sha256[:2] / f"{ref.sha256}.pdf"
    assert pdfa_identification(data) == ("3", "B")
    with sessions() as session:
        row = session.scalars(select(DocumentRow)).one()
    assert (row.id, row.sha256, row.size, row.mou_id) == (ref.document_id, ref.sha256, ref.size, EXECUTED.mou_id)
    assert (ref.kind, ref.version, ref.language) == (DocumentKind.EXECUTED, 1, Language.BILINGUAL)
