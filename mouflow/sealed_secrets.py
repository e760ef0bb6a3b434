"""Secrets mouflow must be able to read back (a webhook's signing secret: signing needs it in clear), kept
encrypted at rest with a key that is not in the database: whoever reads the database alone reads no secret.

The key is `MOUFLOW_SECRETS_KEY` (a Fernet key: `python -c "from cryptography.fernet import Fernet;
print(Fernet.generate_key().decode())"`), else the file `secrets.key` in the data folder, made once on first
use for the embedded stack. Fernet (the `cryptography` library) is AES-128-CBC with an HMAC-SHA256 tag, so a
sealed value altered in the database fails to open rather than opening to something else.
"""

import os
import secrets
from functools import cached_property
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from mouflow.config import Settings

SEALED = "sealed:v1:"  # what a sealed value starts with; a secret stored before sealing starts with its own prefix
KEY_FILE = "secrets.key"


class SecretUnreadable(Exception):
    """A sealed value the key does not open: sealed with another key, or altered in the database."""


class Sealer:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def seal(self, secret: str) -> str:
        return SEALED + self._fernet.encrypt(secret.encode()).decode("ascii")

    def open(self, stored: str) -> str:
        """The secret; one stored in clear before sealing existed comes back as it is."""
        if not is_sealed(stored):
            return stored
        try:
            return self._fernet.decrypt(stored.removeprefix(SEALED).encode("ascii")).decode()
        except InvalidToken:
            raise SecretUnreadable("the stored secret does not open with this key") from None

    @cached_property
    def _fernet(self) -> Fernet:
        """Read when first needed: a process that never seals or opens one makes no key file."""
        configured = self._settings.secrets_key
        return Fernet(configured.get_secret_value().encode() if configured else _key_file(self._settings.data_dir))


def is_sealed(stored: str) -> bool:
    return stored.startswith(SEALED)


def _key_file(data_dir: Path) -> bytes:
    """The data folder's key, made once: written whole under another name, then linked into place, so that two
    processes starting at once agree on one key (the second finds the first's)."""
    path = data_dir / KEY_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        draft = data_dir / f".{KEY_FILE}.{secrets.token_hex(8)}"
        # made readable by its owner only from the start, never for a moment by anyone else
        with os.fdopen(os.open(draft, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600), "wb") as written:
            written.write(Fernet.generate_key())
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process made it first: its key is the one
        finally:
            draft.unlink()
    return path.read_bytes().strip()
