"""The same request renders once: retries, replays and races return the stored document."""

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from activities.documents import DocumentActivities
from mouflow.documents.models import DocumentKind, DocumentRef
from mouflow.documents.renderer import DocumentRenderer
from mouflow.documents.storage import DiskStorage
from mouflow.store.tables import DocumentRow
from tests.documents.builders import DRAFT, EXECUTED, renewed, request, with_progress
from tests.documents.conftest import stored_files


def count_rows(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(DocumentRow)) or 0


def test_rendering_the_same_request_twice_returns_the_stored_document(
    documents: DocumentActivities, storage: DiskStorage, sessions: sessionmaker[Session]
) -> None:
    first = documents.render(request(DocumentKind.DRAFT, DRAFT))
    files = stored_files(storage)
    second = documents.render(request(DocumentKind.DRAFT, DRAFT))
    assert second == first
    assert stored_files(storage) == files and len(files) == 1
    assert count_rows(sessions) == 1


def test_a_later_snapshot_with_the_same_text_is_the_same_document(documents: DocumentActivities) -> None:
    """Version 1's draft does not change when the MoU moves on: its key is what is printed, not the seq."""
    first = documents.render(request(DocumentKind.DRAFT, DRAFT, version=1))
    assert documents.render(request(DocumentKind.DRAFT, EXECUTED, version=1)) == first


def test_other_inputs_are_other_documents(documents: DocumentActivities, sessions: sessionmaker[Session]) -> None:
    refs = {
        documents.render(request(DocumentKind.DRAFT, DRAFT)).document_id,
        documents.render(request(DocumentKind.EXECUTED, EXECUTED)).document_id,
        documents.render(request(DocumentKind.PARTNER_COPY, EXECUTED)).document_id,
    }
    assert len(refs) == 3 and count_rows(sessions) == 3


def test_losing_a_race_returns_the_winner_and_writes_no_file(
    documents: DocumentActivities, storage: DiskStorage, sessions: sessionmaker[Session], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    winner = documents.render(request(DocumentKind.DRAFT, DRAFT))
    files = stored_files(storage)
    # the other render committed after this one looked: the insert hits the unique request key
    looked = iter([None])
    original = DocumentRenderer._stored
    monkeypatch.setattr(DocumentRenderer, "_stored", lambda self, key: next(looked, None) or original(self, key))
    loser: DocumentRef = documents.render(request(DocumentKind.DRAFT, DRAFT))
    assert loser == winner
    assert stored_files(storage) == files and count_rows(sessions) == 1


def test_concurrent_renders_of_one_request_agree(
    documents: DocumentActivities, storage: DiskStorage, sessions: sessionmaker[Session]
) -> None:
    with ThreadPoolExecutor(max_workers=2) as executor:
        refs = list(executor.map(lambda _: documents.render(request(DocumentKind.EXECUTED, EXECUTED)), range(2)))
    assert refs[0] == refs[1]
    assert len(stored_files(storage)) == 1 and count_rows(sessions) == 1


def test_the_executed_mou_is_the_same_document_after_a_renewal(documents: DocumentActivities) -> None:
    first = documents.render(request(DocumentKind.EXECUTED, with_progress()))
    assert documents.render(request(DocumentKind.EXECUTED, renewed())) == first
