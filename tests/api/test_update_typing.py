"""A wrong pair of workflow Update and action type fails mypy: `Writer.act` takes `MouWorkflow.submit` with
`Submit` and nothing else, as `WorkflowHandle.execute_update` would."""

import re
from pathlib import Path

import pytest
from mypy import api as mypy

ROOT = Path(__file__).parents[2]
PAIRS = """
from api.workflows import Writer
from mouflow.domain.actions import Review, Submit, SubmitRequest
from workflows.mou import MouWorkflow


async def right(writer: Writer, body: SubmitRequest) -> None:
    await writer.act("hkte-qianhai-2025", MouWorkflow.submit, Submit, body)


async def wrong(writer: Writer, body: SubmitRequest) -> None:
    await writer.act("hkte-qianhai-2025", MouWorkflow.submit, Review, body)
"""


CACHE = ROOT / ".mypy_cache"  # warmed by a lint run, so this takes seconds, not a minute


def lines_refused(program: str) -> set[int]:
    """The lines mypy refuses, checked with the project's settings (strict, the pydantic plugin). The file
    keeps one path across runs: the cache remembers a module by name, and would name another run's file."""
    source = CACHE / "update_pairs" / "update_pairs.py"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(program)
    named = str(source.relative_to(ROOT))  # as mypy names it in its report, run from ROOT
    config = ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(CACHE)]
    report, errors, _ = mypy.run([named, *config])
    assert not errors, errors
    return {int(line) for line in re.findall(rf"^{re.escape(named)}:(\d+): error:", report, re.MULTILINE)}


def test_only_the_wrong_pair_of_update_and_action_fails_mypy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # where mypy finds api, mouflow and workflows
    lines = PAIRS.splitlines()
    wrong = next(number for number, line in enumerate(lines, 1) if "Review, body" in line)
    assert lines_refused(PAIRS) == {wrong}
