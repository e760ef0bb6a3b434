"""The fetcher serves files under its root and refuses everything else."""

from pathlib import Path

import pytest

from mouflow.documents.fetcher import RefusedURL, TemplatesOnlyFetcher


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "print.css").write_text("body { color: black }")
    (tmp_path / "secret.txt").write_text("secret")
    (tmp_path / "templates" / "escape.css").symlink_to(tmp_path / "secret.txt")
    return tmp_path / "templates"


def test_serves_a_file_under_the_root(root: Path) -> None:
    response = TemplatesOnlyFetcher(root).fetch((root / "print.css").as_uri())
    assert response.read() == b"body { color: black }" and response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "{root}/../secret.txt",
        "{root}/%2E%2E/secret.txt",
        "{root}/%252E%252E/secret.txt",
        "{root}/escape.css",  # a symlink pointing outside
        "{root}",  # a folder, not a file
        "{root}/missing.css",
        "file://evil.example.com{root_path}/print.css",
        "http://example.com/x.png",
        "https://example.com/print.css",
        "data:text/css,body{color:red}",
        "ftp://example.com/x",
    ],
)
def test_refuses_everything_else(root: Path, url: str) -> None:
    url = url.replace("{root}", root.as_uri()).replace("{root_path}", root.as_posix())
    with pytest.raises(RefusedURL):
        TemplatesOnlyFetcher(root).fetch(url)
