"""The Temporal connection's TLS and API key, as the settings give them (mouflow.temporal.tls_config).

No test connects over TLS: the dev server and the test server speak plain gRPC only.
"""

from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError
from temporalio.service import TLSConfig

from mouflow.config import Settings
from mouflow.temporal import tls_config


@pytest.fixture
def pem_files(tmp_path: Path) -> dict[str, Path]:
    files = {name: tmp_path / f"{name}.pem" for name in ("cert", "key", "ca")}
    for name, path in files.items():
        path.write_bytes(f"-----BEGIN {name}-----\n".encode())
    return files


def test_plain_grpc_by_default() -> None:
    assert tls_config(Settings()) is False


def test_an_api_key_goes_over_tls_with_the_systems_roots() -> None:
    assert tls_config(Settings(temporal_api_key=SecretStr("key"))) is True


def test_tls_may_be_asked_for_alone() -> None:
    assert tls_config(Settings(temporal_tls=True)) is True


def test_mtls_reads_the_certificate_the_key_and_the_ca(pem_files: dict[str, Path]) -> None:
    settings = Settings(
        temporal_tls_cert=pem_files["cert"],
        temporal_tls_key=pem_files["key"],
        temporal_tls_ca=pem_files["ca"],
        temporal_tls_server_name="temporal.internal",
    )
    assert tls_config(settings) == TLSConfig(
        client_cert=b"-----BEGIN cert-----\n",
        client_private_key=b"-----BEGIN key-----\n",
        server_root_ca_cert=b"-----BEGIN ca-----\n",
        domain="temporal.internal",
    )


def test_a_ca_alone_checks_the_server_without_a_client_certificate(pem_files: dict[str, Path]) -> None:
    assert tls_config(Settings(temporal_tls_ca=pem_files["ca"])) == TLSConfig(
        server_root_ca_cert=b"-----BEGIN ca-----\n"
    )


def test_a_certificate_without_its_key_is_refused(pem_files: dict[str, Path]) -> None:
    with pytest.raises(ValidationError, match="go together"):
        Settings(temporal_tls_cert=pem_files["cert"])


def test_mtls_and_an_api_key_at_once_are_refused(pem_files: dict[str, Path]) -> None:
    with pytest.raises(ValidationError, match="not both"):
        Settings(
            temporal_tls_cert=pem_files["cert"], temporal_tls_key=pem_files["key"], temporal_api_key=SecretStr("k")
        )


def test_tls_switched_off_with_a_certificate_given_is_refused(pem_files: dict[str, Path]) -> None:
    with pytest.raises(ValidationError, match="is false"):
        Settings(temporal_tls=False, temporal_tls_ca=pem_files["ca"])


def test_a_certificate_file_that_is_not_there_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="temporal_tls_cert"):
        Settings(temporal_tls_cert=tmp_path / "missing.pem", temporal_tls_key=tmp_path / "missing.key")


def test_the_settings_come_from_the_environment(pem_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOUFLOW_TEMPORAL_TLS_CERT", str(pem_files["cert"]))
    monkeypatch.setenv("MOUFLOW_TEMPORAL_TLS_KEY", str(pem_files["key"]))
    config = tls_config(Settings())
    assert isinstance(config, TLSConfig)
    assert config.client_private_key == b"-----BEGIN key-----\n"
