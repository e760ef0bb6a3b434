"""The key of the audit log's HMACs (mouflow.store.audit_hashes), kept outside the database: whoever can
write the database but not read this key cannot rewrite the log so that it still verifies.

It is `MOUFLOW_AUDIT_KEY`, else the file `audit.key` in the data folder, made once for the embedded stack.
Every process that writes or verifies the log must be given the same key.
"""

import secrets

from mouflow.config import Settings
from mouflow.key_files import key_file

KEY_FILE = "audit.key"


def audit_key(settings: Settings) -> bytes:
    configured = settings.audit_key
    if configured is not None:
        return configured.get_secret_value().encode()
    return key_file(settings.data_dir, KEY_FILE, lambda: secrets.token_hex(32).encode())
