"""The one Jinja environment for `templates/`: autoescaping, sandboxed, strict about missing names."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"

# Autoescape makes every value from users text, never markup. The sandbox is the second wall:
# a template can only read the plain data it is given, not reach Python internals through it.
_ENVIRONMENT = SandboxedEnvironment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(template_name: str, context: Mapping[str, Any]) -> str:
    return _ENVIRONMENT.get_template(template_name).render(context)
