"""One settings object, read from the environment (MOUFLOW_* and DATABASE_URL)."""

import os
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOUFLOW_")

    data_dir: Path = Path("data")
    temporal_address: str = "127.0.0.1:7233"
    temporal_namespace: str = "default"
    task_queue: str = "mouflow"
    # how many processes of each kind `ops.up` runs on this machine (mouflow.processes): MoU workers (workflows,
    # store writes, notifications), render workers (PDFs, one at a time each, so as many as the cores), API
    # processes (on consecutive ports from the first); render_workers 0 renders inside the MoU worker instead
    mou_workers: int = Field(default=1, ge=1)
    render_workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=0)
    api_processes: int = Field(default=1, ge=1)
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "MOUFLOW_DATABASE_URL")
    )
    # the address people reach mouflow at (https://mouflow.example.org), for links handed out: feed URLs and
    # the links in e-mails; unset, feed URLs follow the request's host, and e-mails carry no link
    public_url: str | None = None
    # webhooks: a receiver on loopback, a private or a link-local address is refused unless this is set,
    # so a party cannot make the worker call services inside our own network
    webhook_allow_private_networks: bool = False
    webhook_timeout_seconds: float = 10.0
    # seals webhook secrets at rest (mouflow.sealed_secrets): a Fernet key, kept outside the database; unset,
    # the key is the file secrets.key in data_dir, made on first use
    secrets_key: SecretStr | None = None
    # keys the audit log's HMACs (mouflow.audit_key), kept outside the database; unset, the key is the file
    # audit.key in data_dir, made on first use
    audit_key: SecretStr | None = None
    # how often the worker anchors every audit chain's head at once (mouflow.store.audit_anchor)
    audit_anchor_seconds: float = Field(default=60.0, gt=0)
    # e-mail: no host means e-mail is off, and no e-mail deliveries are planned
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_from: str = "mouflow <mouflow@localhost>"
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'mouflow.db'}"
