"""Keys the embedded stack keeps in its data folder when the settings name none: made once, owner-only."""

import os
import secrets
from collections.abc import Callable
from pathlib import Path


def key_file(data_dir: Path, name: str, make: Callable[[], bytes]) -> bytes:
    """The data folder's key `name`, made by `make` once: written whole under another name, then linked into
    place, so that two processes starting at once agree on one key (the second finds the first's)."""
    path = data_dir / name
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        draft = data_dir / f".{name}.{secrets.token_hex(8)}"
        # made readable by its owner only from the start, never for a moment by anyone else
        with os.fdopen(os.open(draft, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600), "wb") as written:
            written.write(make())
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process made it first: its key is the one
        finally:
            draft.unlink()
    return path.read_bytes().strip()
