"""Content-addressed storage on disk."""

import hashlib
from pathlib import Path

import pytest

from mouflow.config import Settings
from mouflow.documents.storage import DiskStorage


def test_put_stores_by_hash_once(storage: DiskStorage) -> None:
    sha256 = storage.put(b"%PDF-1.7 one")
    assert sha256 == hashlib.sha256(b"%PDF-1.7 one").hexdigest()
    assert storage.path(sha256) == storage.root / sha256[:2] / f"{sha256}.pdf"
    assert storage.exists(sha256) and storage.read(sha256) == b"%PDF-1.7 one"
    with storage.open(sha256) as file:
        assert file.read() == b"%PDF-1.7 one"
    assert storage.put(b"%PDF-1.7 one") == sha256
    assert [path.name for path in storage.root.rglob("*") if path.is_file()] == [f"{sha256}.pdf"]  # no temp files


def test_keys_other_than_a_digest_never_become_paths(storage: DiskStorage) -> None:
    for key in ["../../etc/passwd", "AB" * 32, "a" * 63, ""]:
        with pytest.raises(ValueError, match="not a SHA-256"):
            storage.exists(key)


def test_lives_under_the_data_folder(tmp_path: Path) -> None:
    assert DiskStorage.from_settings(Settings(data_dir=tmp_path)).root == tmp_path / "documents"
