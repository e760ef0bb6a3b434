"""`python -m ops.cli verify FILE.pdf`, run as an operator would, on a copy the renderer issued."""

from pathlib import Path

import pytest

from mouflow.documents.canonical import agreed_text_json
from mouflow.documents.models import DocumentKind
from mouflow.documents.renderer import DocumentRenderer
from mouflow.documents.storage import DiskStorage
from mouflow.store.audit import list_entries
from mouflow.store.audit_verify import verify_chain
from mouflow.store.db import make_engine, session_factory
from mouflow.store.migrate import create_schema
from tests.conftest import TEST_AUDIT_KEY
from tests.documents.agreed_text_files import one_byte_changed, with_agreed_text
from tests.documents.builders import EXECUTED, request
from tests.documents.rendered import pdf
from tests.store.test_cli import cli, database_url  # noqa: F401  the same temporary SQLite file


@pytest.fixture
def genuine(database_url: str, tmp_path: Path) -> Path:  # noqa: F811
    """The executed copy rendered and recorded in the database the command reads, saved where a user keeps it."""
    engine = make_engine(database_url)
    create_schema(engine)
    storage = DiskStorage(tmp_path / "documents")
    ref = DocumentRenderer(storage, session_factory(engine, audit_key=TEST_AUDIT_KEY)).render(
        request(DocumentKind.EXECUTED, EXECUTED)
    )
    engine.dispose()
    path = tmp_path / "executed.pdf"
    path.write_bytes(storage.read(ref.sha256))
    return path


def test_a_genuine_copy_is_ok(database_url: str, genuine: Path) -> None:  # noqa: F811
    checked = cli(database_url, "verify", str(genuine))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert [line.split(":")[0] for line in checked.stdout.splitlines()] == [
        "ok   fingerprint",
        "ok   store",
        "ok   audit",
        "OK",
    ]
    engine = make_engine(database_url)
    with session_factory(engine, audit_key=TEST_AUDIT_KEY)() as session:
        entries = list_entries(session=session)
        assert [(entry.what, entry.mou_id) for entry in entries] == [
            ("executed_copy_recorded", EXECUTED.mou_id),
            ("executed_copy_verified", EXECUTED.mou_id),
        ]
        assert entries[1].detail.startswith("OK: executed.pdf") and verify_chain(session=session).ok
    engine.dispose()


def test_one_byte_changed_in_the_attachment_fails(database_url: str, genuine: Path, tmp_path: Path) -> None:  # noqa: F811
    forged = one_byte_changed(agreed_text_json(EXECUTED), b'"term_months":36', b'"term_months":37')
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(with_agreed_text(genuine.read_bytes(), forged))
    checked = cli(database_url, "verify", str(tampered))
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "FAIL fingerprint: agreed-text.json hashes to" in checked.stdout
    assert checked.stdout.splitlines()[-1] == f"FAILED: {tampered} is NOT a verified executed copy"


def test_a_different_pdf_fails(database_url: str, genuine: Path, tmp_path: Path) -> None:  # noqa: F811
    other = tmp_path / "other.pdf"
    # the same agreed text, but not the file mouflow issued: a second render may be byte-identical when
    # it falls in the same second as the first, so the copy is made different on purpose
    other.write_bytes(genuine.read_bytes() + b"\n% re-saved by another program\n")
    checked = cli(database_url, "verify", str(other))
    assert checked.returncode == 1
    assert "ok   fingerprint" in checked.stdout and "FAIL store: no document in the store" in checked.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (lambda: pdf("draft"), "not an executed mouflow PDF: it has no attached agreed-text.json"),
        (lambda: b"Dear partner, ...", "not a readable PDF"),
        (None, "No such file or directory"),
    ],
)
def test_a_file_that_is_not_an_executed_copy_is_refused(
    database_url: str,  # noqa: F811
    tmp_path: Path,
    content: object,
    message: str,
) -> None:
    path = tmp_path / "not-executed.pdf"
    if content is not None:
        path.write_bytes(content())  # type: ignore[operator]
    refused = cli(database_url, "verify", str(path))
    assert refused.returncode == 2
    assert message in refused.stderr and "Traceback" not in refused.stderr and refused.stdout == ""
