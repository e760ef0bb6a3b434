"""Secrets mouflow must be able to read back (a webhook's signing secret: signing needs it in clear), kept
encrypted at rest with a key that is not in the database: whoever reads the database alone reads no secret.

The key is `MOUFLOW_SECRETS_KEY` (a Fernet key: `python -c "from cryptography.fernet import Fernet;
print(Fernet.generate_key().decode())"`), else the file `secrets.key` in the data folder, made once on first
use for the embedded stack. Fernet (the `cryptography` library) is AES-128-CBC with an HMAC-SHA256 tag, so a
sealed value altered in the database fails to open rather than opening to something else.
"""

from functools import cached_property
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from mouflow.config import Settings
from mouflow.key_files import key_file

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
    return key_file(data_dir, KEY_FILE, Fernet.generate_key)
