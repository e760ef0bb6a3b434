"""One settings object, read from the environment (MOUFLOW_* and DATABASE_URL)."""

import os
from pathlib import Path
from typing import Self

from pydantic import AliasChoices, Field, FilePath, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOUFLOW_")

    data_dir: Path = Path("data")
    temporal_address: str = "127.0.0.1:7233"
    temporal_namespace: str = "default"
    # a Temporal cluster (mouflow.temporal tls_config): mTLS with a client certificate and its key (PEM
    # files), or an API key (Temporal Cloud), which implies TLS; the server's certificate is checked against
    # temporal_tls_ca (else the system's roots) under temporal_tls_server_name (else the address's host)
    temporal_tls: bool | None = None  # None: TLS when any of the settings below asks for it
    temporal_tls_cert: FilePath | None = None
    temporal_tls_key: FilePath | None = None
    temporal_tls_ca: FilePath | None = None
    temporal_tls_server_name: str | None = None
    temporal_api_key: SecretStr | None = None
    task_queue: str = "mouflow"
    # how many processes of each kind `ops.up` runs on this machine (mouflow.processes): MoU workers (workflows,
    # store writes, notifications), render workers (PDFs, one at a time each, so as many as the cores), API
    # processes (on consecutive ports from the first). Render workers unset: ops.up runs one per core and tells
    # its MoU workers so, while a MoU worker started alone renders itself, as does one told 0
    mou_workers: int = Field(default=1, ge=1)
    render_workers: int | None = Field(default=None, ge=0)
    api_processes: int = Field(default=1, ge=1)
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "MOUFLOW_DATABASE_URL")
    )
    # PostgreSQL: each process's pool holds up to pool_size + max_overflow connections; their sum over all
    # processes must stay under the server's max_connections (mouflow.store.connection_budget checks it)
    database_pool_size: int = Field(default=10, ge=1)
    database_max_overflow: int = Field(default=30, ge=0)
    # Prometheus: each process serves its metrics at http://metrics_host:<port>/metrics, one port per process
    # kind; unset, that kind serves none. Several processes of one kind on a machine each get their own port
    # from whoever starts them (mouflow.metrics_endpoint)
    metrics_host: str = "127.0.0.1"
    worker_metrics_port: int | None = Field(default=None, ge=1, le=65535)
    render_metrics_port: int | None = Field(default=None, ge=1, le=65535)
    api_metrics_port: int | None = Field(default=None, ge=1, le=65535)
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

    @model_validator(mode="after")
    def _one_way_to_temporal(self) -> Self:
        if (self.temporal_tls_cert is None) != (self.temporal_tls_key is None):
            raise ValueError("MOUFLOW_TEMPORAL_TLS_CERT and MOUFLOW_TEMPORAL_TLS_KEY go together: set both or neither")
        if self.temporal_tls_cert is not None and self.temporal_api_key is not None:
            raise ValueError("set MOUFLOW_TEMPORAL_TLS_CERT and _KEY (mTLS) or MOUFLOW_TEMPORAL_API_KEY, not both")
        wanted = [self.temporal_tls_cert, self.temporal_tls_ca, self.temporal_tls_server_name, self.temporal_api_key]
        if self.temporal_tls is False and any(setting is not None for setting in wanted):
            raise ValueError("MOUFLOW_TEMPORAL_TLS is false, but a TLS certificate, server name or API key is set")
        return self

    @property
    def launched_render_workers(self) -> int:
        """How many render workers a launcher (ops.up) starts beside the MoU workers."""
        return self.render_workers if self.render_workers is not None else os.cpu_count() or 1

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'mouflow.db'}"
