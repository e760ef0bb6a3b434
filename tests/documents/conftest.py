"""Fixtures for the document tests: disk storage in a temporary folder, the activity on the real database."""

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session, sessionmaker

from activities.documents import DocumentActivities
from mouflow.documents.storage import DiskStorage


@pytest.fixture
def storage(tmp_path: Path) -> DiskStorage:
    return DiskStorage(tmp_path / "documents")


@pytest.fixture
def documents(storage: DiskStorage, sessions: sessionmaker[Session]) -> DocumentActivities:
    return DocumentActivities(storage, sessions)


def stored_files(storage: DiskStorage) -> list[Path]:
    return sorted(path for path in storage.root.rglob("*") if path.is_file()) if storage.root.exists() else []


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text with runs of whitespace made single spaces: lines wrap where the layout says."""
    import io

    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def text_of(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def squeezed(text: str) -> str:
    """Without any whitespace: Chinese has no spaces, and extraction may add some at line ends."""
    return re.sub(r"\s+", "", text)
