"""One Prometheus endpoint per process, http://<metrics_host>:<port>/metrics: mouflow's own metrics
(mouflow.metrics, and the API's requests), the process's own (CPU, memory), and the Temporal SDK's.

The SDK's Rust core serves its metrics from an HTTP server of its own. It listens on a free loopback port,
and each scrape of ours reads it, so that Prometheus scrapes one address per process. Each process kind
takes its port from its own setting (worker_metrics_port, render_metrics_port, api_metrics_port); a
launcher that runs several processes of one kind gives each its own.
"""

import logging
import socket
import urllib.request
from collections.abc import Iterable, Iterator

from prometheus_client import REGISTRY, start_http_server
from prometheus_client.metrics_core import Metric
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.registry import Collector
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig

from mouflow.config import Settings

log = logging.getLogger(__name__)
LOOPBACK = "127.0.0.1"
CORE_SCRAPE_TIMEOUT = 2.0  # seconds; Prometheus's own default scrape timeout is 10


class TemporalCoreMetrics(Collector):
    """The SDK core's metrics, read from its own endpoint at each scrape."""

    def __init__(self, url: str) -> None:
        self._url = url

    def describe(self) -> Iterable[Metric]:
        return []  # nothing to read at registration: the core's server may not be up yet

    def collect(self) -> Iterator[Metric]:
        try:
            with urllib.request.urlopen(self._url, timeout=CORE_SCRAPE_TIMEOUT) as answer:
                text = answer.read().decode()
        except OSError as error:  # the rest of the scrape is still worth having
            log.warning("the Temporal SDK's metrics could not be read at %s: %s", self._url, error)
            return
        yield from text_string_to_metric_families(text)


def serve_metrics(settings: Settings, *, port: int | None) -> Runtime | None:
    """Starts the endpoint on `port`, and gives the SDK runtime that feeds it to pass to
    mouflow.temporal.connect; None, and no endpoint, when no port is set."""
    if port is None:
        return None
    core = f"{LOOPBACK}:{free_loopback_port()}"
    runtime = Runtime(telemetry=TelemetryConfig(metrics=PrometheusConfig(bind_address=core)))
    REGISTRY.register(TemporalCoreMetrics(f"http://{core}/metrics"))
    start_http_server(port, addr=settings.metrics_host)
    log.info("metrics at http://%s:%d/metrics", settings.metrics_host, port)
    return runtime


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])
