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


def lines_refused(source: Path) -> set[int]:
    # the project's settings (strict, the pydantic plugin) and its cache, which a lint run has warmed
    config = ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(ROOT / ".mypy_cache")]
    report, errors, _ = mypy.run([str(source), *config])
    assert not errors, errors
    return {int(line) for line in re.findall(rf"^{re.escape(str(source))}:(\d+): error:", report, re.MULTILINE)}


def test_only_the_wrong_pair_of_update_and_action_fails_mypy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # where mypy finds api, mouflow and workflows
    source = tmp_path / "pairs.py"
    source.write_text(PAIRS)
    lines = PAIRS.splitlines()
    wrong = next(number for number, line in enumerate(lines, 1) if "Review, body" in line)
    assert lines_refused(source) == {wrong}
