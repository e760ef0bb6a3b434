"""The Temporal client every process uses: the worker, the API, the launcher and the tools."""

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from mouflow.config import Settings


async def connect(settings: Settings) -> Client:
    """A client of `settings.temporal_namespace` whose payloads are our pydantic models."""
    return await Client.connect(
        settings.temporal_address, namespace=settings.temporal_namespace, data_converter=pydantic_data_converter
    )
