"""mouflow's own counters (mouflow.metrics), in this process: a block that raises counts as failed; and the
ports ops.up gives its processes' metrics."""

import logging

import httpx
import pytest
from prometheus_client import REGISTRY, generate_latest

from api.main import create_app
from mouflow.config import Settings
from mouflow.metrics import count_delivery, rendering, storing
from mouflow.metrics_endpoint import TemporalCoreMetrics, free_loopback_port
from ops.up import metrics_port_of, metrics_ports


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_a_write_counts_as_what_the_block_says_or_failed_when_it_raises() -> None:
    written, failed = (
        sample("mouflow_store_writes_total", outcome="already_recorded"),
        sample("mouflow_store_writes_total", outcome="failed"),
    )
    with storing() as outcome:
        outcome.value = "already_recorded"
    with pytest.raises(RuntimeError), storing():
        raise RuntimeError("the database went away")
    assert sample("mouflow_store_writes_total", outcome="already_recorded") == written + 1
    assert sample("mouflow_store_writes_total", outcome="failed") == failed + 1


def test_a_render_that_raises_counts_as_failed() -> None:
    before = sample("mouflow_renders_total", kind="executed", outcome="failed")
    with pytest.raises(ValueError), rendering("executed"):
        raise ValueError("no fonts")
    assert sample("mouflow_renders_total", kind="executed", outcome="failed") == before + 1


def test_a_delivery_counts_by_channel_and_outcome() -> None:
    before = sample("mouflow_deliveries_total", channel="email", outcome="pending")
    count_delivery("email", outcome="pending", seconds=0.2)
    assert sample("mouflow_deliveries_total", channel="email", outcome="pending") == before + 1


def test_an_sdk_endpoint_that_does_not_answer_leaves_the_rest_of_the_scrape(caplog: pytest.LogCaptureFixture) -> None:
    nobody = TemporalCoreMetrics(f"http://127.0.0.1:{free_loopback_port()}/metrics")
    with caplog.at_level(logging.WARNING, logger="mouflow.metrics_endpoint"):
        assert list(nobody.collect()) == []
    assert "could not be read" in caplog.text


def test_ops_up_gives_each_process_of_a_kind_the_port_after_the_one_before() -> None:
    assert metrics_port_of("MOUFLOW_API_METRICS_PORT", None, 2) is None  # the environment as it is
    second = metrics_port_of("MOUFLOW_API_METRICS_PORT", 9470, 2)
    assert second is not None and second["MOUFLOW_API_METRICS_PORT"] == "9471" and "PATH" in second


async def test_a_request_is_counted_by_its_route_template_and_an_unknown_path_by_none() -> None:
    app = create_app(Settings())  # no database or Temporal: neither route below reaches them
    before = sample("mouflow_http_requests_total", method="GET", path="/healthz", status_code="200")
    unknown = sample("mouflow_http_requests_total", method="GET", path="__unknown__", status_code="404")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as client:
        assert (await client.get("/healthz")).status_code == 200
        assert (await client.get("/no-such-page/mf_secret-token-123")).status_code == 404
    assert sample("mouflow_http_requests_total", method="GET", path="/healthz", status_code="200") == before + 1
    assert sample("mouflow_http_requests_total", method="GET", path="__unknown__", status_code="404") == unknown + 1
    assert "mf_secret" not in generate_latest(REGISTRY).decode()


def test_the_launcher_checks_every_metrics_port_it_will_give_out() -> None:
    settings = Settings(
        mou_workers=2, render_workers=1, api_processes=3, worker_metrics_port=9460, api_metrics_port=9470
    )
    assert metrics_ports(settings) == [9460, 9461, 9470, 9471, 9472]  # render workers: no port set, none
