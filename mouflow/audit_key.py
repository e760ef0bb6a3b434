"""The key of the audit log's HMACs (mouflow.store.audit_hashes), kept outside the database: whoever can
write the database but not read this key cannot rewrite the log so that it still verifies.

It is `MOUFLOW_AUDIT_KEY`, else the file `audit.key` in the data folder, made once for the embedded stack.
Every process that writes or verifies the log must be given the same key.
"""

import secrets

from mouflow.config import Settings
from mouflow.key_files import key_file

KEY_FILE = "audit.key"


MINIMUM_LENGTH = 32  # bytes: HMAC-SHA256's own strength needs a key at least this long


def audit_key(settings: Settings) -> bytes:
    configured = settings.audit_key
    if configured is not None:
        key = configured.get_secret_value().encode()
        if len(key) < MINIMUM_LENGTH:
            raise ValueError(f"MOUFLOW_AUDIT_KEY must be at least {MINIMUM_LENGTH} bytes long")
        return key
    return key_file(settings.data_dir, KEY_FILE, lambda: secrets.token_hex(32).encode())
