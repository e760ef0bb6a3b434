"""The Temporal client every process uses: the worker, the API, the launcher and the tools.

A cluster in production takes mTLS (a client certificate and key) or, on Temporal Cloud, an API key; the
settings say which (mouflow.config refuses a mixture at start), and `tls_config` turns them into the SDK's.
"""

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.runtime import Runtime
from temporalio.service import TLSConfig

from mouflow.config import Settings


async def connect(settings: Settings, runtime: Runtime | None = None) -> Client:
    """A client of `settings.temporal_namespace` whose payloads are our pydantic models; `runtime` is the
    SDK's (its metrics, mouflow.metrics_endpoint), else the process's default."""
    api_key = settings.temporal_api_key.get_secret_value() if settings.temporal_api_key else None
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        data_converter=pydantic_data_converter,
        tls=tls_config(settings),
        api_key=api_key,
        runtime=runtime,
    )


def tls_config(settings: Settings) -> TLSConfig | bool:
    """False for plain gRPC (the dev server); True for TLS checked against the system's roots; a TLSConfig
    when a certificate, a CA or a server name is given. An API key travels only over TLS."""
    files = (settings.temporal_tls_cert, settings.temporal_tls_key, settings.temporal_tls_ca)
    if all(file is None for file in files) and settings.temporal_tls_server_name is None:
        return settings.temporal_tls or settings.temporal_api_key is not None
    return TLSConfig(
        client_cert=settings.temporal_tls_cert.read_bytes() if settings.temporal_tls_cert else None,
        client_private_key=settings.temporal_tls_key.read_bytes() if settings.temporal_tls_key else None,
        server_root_ca_cert=settings.temporal_tls_ca.read_bytes() if settings.temporal_tls_ca else None,
        domain=settings.temporal_tls_server_name,
    )
