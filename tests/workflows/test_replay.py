"""Committed histories replay against the current workflows: a non-deterministic change fails here."""

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from tests.domain.test_replay_policy import every_policy_rule_refusing_everything
from worker import WORKFLOWS
from workflows.notification import NotificationWorkflow

HISTORIES = sorted((Path(__file__).parent.parent / "histories").glob("v*/*.json"))


def test_there_are_histories_to_replay() -> None:
    assert len(HISTORIES) >= 5
    assert any(path.name.endswith("-run2.json") for path in HISTORIES)  # a run started by continue-as-new
    assert any(path.name.startswith("notify-") for path in HISTORIES)


@pytest.mark.parametrize("path", HISTORIES, ids=lambda path: f"{path.parent.name}/{path.stem}")
async def test_history_replays(path: Path) -> None:
    workflow_id = path.stem.rsplit("-run", 1)[0]
    history = WorkflowHistory.from_json(workflow_id, path.read_text())
    replayer = Replayer(workflows=[*WORKFLOWS, NotificationWorkflow], data_converter=pydantic_data_converter)
    await replayer.replay_workflow(history)


@pytest.mark.parametrize("path", HISTORIES, ids=lambda path: f"{path.parent.name}/{path.stem}")
async def test_history_replays_however_the_checks_that_accepted_it_tightened(path: Path) -> None:
    """mouflow.domain.rules: replay runs no validator, and no apply asks who may act, what was typed or when."""
    with every_policy_rule_refusing_everything():
        await test_history_replays(path)
