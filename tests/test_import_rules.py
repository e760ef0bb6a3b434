"""worker.py, the one top-level module, imports only the layers below it.

import-linter (`lint-imports`, contracts in pyproject.toml) holds the packages; grimp, which it builds on,
reads packages only, so this test reads worker.py's own imports.
"""

import ast
from pathlib import Path

WORKER = Path(__file__).parent.parent / "worker.py"
ABOVE_THE_WORKER = {"ops", "api", "tests", "bench"}


def imported_top_levels(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_worker_imports_nothing_above_it() -> None:
    assert imported_top_levels(WORKER.read_text()) & ABOVE_THE_WORKER == set()


def test_the_check_sees_an_import_from_above() -> None:
    assert imported_top_levels("from api.main import app\nimport ops.stack\n") & ABOVE_THE_WORKER == {"api", "ops"}
