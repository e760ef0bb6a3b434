"""The OpenAPI document says what api/body_limits.py refuses: a string in a request body may hold no control
character but tab and line breaks, and no bidirectional override or isolate. Each such string is declared with
a `pattern` that leaves them out, so that a client generating bodies from the schema never sends one.

A string that has a pattern of its own (an id, a slug: ASCII only) or a format (a date) needs none. A
component that answers or parameters use too is copied for the bodies as `<Name>-Input`, as pydantic names the
request side of a model whose two sides differ: what the API answers is not held to a rule it applies to JSON
bodies only."""

import copy
from collections.abc import Iterator
from typing import Any

from api.body_limits import REFUSED_CHARACTERS

PLAIN_TEXT = f"^[^{REFUSED_CHARACTERS}]*$"
REF = "#/components/schemas/"
Schema = dict[str, Any]


def with_plain_text_bodies(schema: Schema) -> Schema:
    components: dict[str, Schema] = schema.get("components", {}).get("schemas", {})
    bodies = list(_body_schemas(schema))
    elsewhere = _reachable(components, list(_other_schemas(schema)))
    targets = {
        name: f"{name}-Input" if name in elsewhere else name
        for name in _reachable(components, bodies)
        if _holds_text(components, name, set())
    }
    copies = {target: _declared(components[name], targets) for name, target in targets.items()}
    components |= copies
    for body in bodies:
        body |= _declared(body, targets)
    return schema


def _declared(node: Any, targets: dict[str, str]) -> Any:
    """A copy of `node` whose free-text strings carry the pattern and whose references lead to the copies."""
    node = copy.deepcopy(node)
    for part in _schemas_in(node):
        if _is_free_text(part):
            part["pattern"] = PLAIN_TEXT
        name = _ref_name(part)
        if name in targets:
            part["$ref"] = REF + targets[name]
    return node


def _is_free_text(part: Schema) -> bool:
    return part.get("type") == "string" and not {"pattern", "format", "enum", "const"} & part.keys()


def _holds_text(components: dict[str, Schema], name: str, seen: set[str]) -> bool:
    seen.add(name)
    for part in _schemas_in(components.get(name, {})):
        inner = _ref_name(part)
        if _is_free_text(part) or (inner is not None and inner not in seen and _holds_text(components, inner, seen)):
            return True
    return False


def _reachable(components: dict[str, Schema], roots: list[Schema]) -> set[str]:
    found: set[str] = set()
    waiting = list(roots)
    while waiting:
        for part in _schemas_in(waiting.pop()):
            name = _ref_name(part)
            if name is not None and name not in found:
                found.add(name)
                waiting.append(components.get(name, {}))
    return found


def _schemas_in(node: Any) -> Iterator[Schema]:
    """Every object in the tree, the node first; a property named like a keyword is only a key, so harmless."""
    waiting = [node]
    while waiting:
        item = waiting.pop()
        if isinstance(item, dict):
            yield item
            waiting.extend(item.values())
        elif isinstance(item, list):
            waiting.extend(item)


def _ref_name(part: Schema) -> str | None:
    ref = part.get("$ref")
    return ref.removeprefix(REF) if isinstance(ref, str) and ref.startswith(REF) else None


def _operations(schema: Schema) -> Iterator[Schema]:
    for operations in schema.get("paths", {}).values():
        yield from operations.values()


def _body_schemas(schema: Schema) -> Iterator[Schema]:
    for operation in _operations(schema):
        for content in operation.get("requestBody", {}).get("content", {}).values():
            yield content["schema"]


def _other_schemas(schema: Schema) -> Iterator[Schema]:
    for operation in _operations(schema):
        yield {"parameters": operation.get("parameters", []), "responses": operation.get("responses", {})}
