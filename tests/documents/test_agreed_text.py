"""The executed PDF carries agreed-text.json: the bytes its printed fingerprint is the SHA-256 of."""

import hashlib
import json
from pathlib import Path

from mouflow.documents.canonical import agreed_text_fingerprint, agreed_text_json
from mouflow.documents.embedded import read_agreed_text
from tests.documents.agreed_text_files import detached, filespecs, printed_fingerprint
from tests.documents.builders import EXECUTED
from tests.documents.conftest import squeezed, text_of
from tests.documents.pdf_inspect import output_intents, pdfa_identification
from tests.documents.rendered import pdf


def test_the_printed_fingerprint_is_the_sha256_of_the_attached_file(tmp_path: Path) -> None:
    executed = pdf("executed")
    attached = detached(executed, tmp_path)
    assert hashlib.sha256(attached).hexdigest() == printed_fingerprint(executed, tmp_path)
    assert attached == agreed_text_json(EXECUTED) and read_agreed_text(executed).data == attached
    agreed = json.loads(attached)  # plain JSON anyone can read: the text and the parties
    assert agreed["content"]["title"] == EXECUTED.executed_content.title.model_dump()
    assert [party["id"] for party in agreed["parties"]] == [party.id for party in EXECUTED.parties]


def test_it_is_an_associated_file_of_the_pdfa_3b_document() -> None:
    executed = pdf("executed")
    catalog, associated = filespecs(executed)
    assert [str(spec["/UF"]) for spec in associated] == ["agreed-text.json"]  # listed once in /AF
    spec = associated[0]
    assert (spec["/F"], spec["/AFRelationship"]) == ("agreed-text.json", "/Source")
    stream = spec["/EF"]["/F"].get_object()
    assert stream["/Subtype"] == "/application/json" and "/ModDate" in stream["/Params"]  # what PDF/A-3 asks
    names = catalog["/Names"]["/EmbeddedFiles"].get_object()["/Names"]
    assert names[1].get_object() == spec  # the same file a reader lists among the attachments
    assert pdfa_identification(executed) == ("3", "B") and output_intents(executed) == ["/GTS_PDFA1"]


def test_the_pdf_records_the_fingerprint_in_the_files_description() -> None:
    found = read_agreed_text(pdf("executed"))
    assert found.recorded_fingerprint == agreed_text_fingerprint(EXECUTED)
    assert (found.relationship, found.media_type) == ("/Source", "application/json")


def test_the_certificate_says_what_the_fingerprint_hashes() -> None:
    text = squeezed(text_of(pdf("executed")))
    assert squeezed("This fingerprint is the SHA-256 of the file agreed-text.json attached to this PDF") in text
    assert squeezed("此指紋即本 PDF 所附檔案 agreed-text.json 之 SHA-256") in text


def test_other_documents_carry_no_files() -> None:
    for name in ("draft", "partner_copy", "ceremony_programme"):
        catalog, associated = filespecs(pdf(name))
        assert not associated and "/Names" not in catalog, name
