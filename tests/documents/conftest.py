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


HERE = Path(__file__).parent

# WeasyPrint 70 opens its sRGB profile for PDF/A output and never closes it (pdf/__init__.py); the
# ResourceWarning it drops would fail any test that renders an executed MoU
ICC_PROFILE_LEAK = pytest.mark.filterwarnings(
    r"ignore:unclosed file <_io\.\w+ name='[^']*sRGB2014\.icc':ResourceWarning"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(ICC_PROFILE_LEAK)


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
