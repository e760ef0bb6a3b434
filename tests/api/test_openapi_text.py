"""The OpenAPI document says what the API accepts: the characters a body's text may hold (api/openapi_text.py),
numbers' bounds in JSON Schema's own words, and in a 405 every method the path takes."""

import re
from collections.abc import Iterator
from typing import Any

import httpx

from api.openapi_text import PLAIN_TEXT

REFUSED = ["\x00", "\x1b", "\x7f", "\x9b", "\u202a", "\u202e", "\u2066", "\u2069"]
ALLOWED = ["\t", "\n", "\r", "MoU 合作備忘錄", "\u200f", "\xa0"]  # a right-to-left mark only marks


async def openapi(api: httpx.AsyncClient) -> dict[str, Any]:
    return dict((await api.get("/openapi.json")).json())


def strings_in(node: Any, components: dict[str, Any], seen: frozenset[str] = frozenset()) -> Iterator[dict[str, Any]]:
    """Every string schema in the node, following references."""
    if isinstance(node, list):
        for item in node:
            yield from strings_in(item, components, seen)
    elif isinstance(node, dict):
        ref = node.get("$ref", "").removeprefix("#/components/schemas/")
        if ref and ref not in seen:
            yield from strings_in(components[ref], components, seen | {ref})
        if node.get("type") == "string":
            yield node
        for value in node.values():
            yield from strings_in(value, components, seen)


def test_the_pattern_refuses_what_the_body_check_refuses() -> None:
    assert not [text for text in REFUSED if re.fullmatch(PLAIN_TEXT, f"a{text}b")]
    assert all(re.fullmatch(PLAIN_TEXT, text) for text in ALLOWED)


async def test_every_free_text_a_body_holds_carries_the_pattern(api: httpx.AsyncClient) -> None:
    schema = await openapi(api)
    components = schema["components"]["schemas"]
    bodies = [
        (path, operation["requestBody"]["content"]["application/json"]["schema"])
        for path, operations in schema["paths"].items()
        for operation in operations.values()
        if "requestBody" in operation
    ]
    assert len(bodies) > 15
    for path, body in bodies:
        texts = [string for string in strings_in(body, components) if not {"enum", "format"} & string.keys()]
        assert all("pattern" in text for text in texts), path
    reason = components["CloseRequest"]["properties"]["reason"]
    assert reason["pattern"] == PLAIN_TEXT


async def test_answers_keep_schemas_of_their_own(api: httpx.AsyncClient) -> None:
    components = (await openapi(api))["components"]["schemas"]
    assert "pattern" not in components["Bilingual"]["properties"]["en"]
    assert components["Bilingual-Input"]["properties"]["en"]["pattern"] == PLAIN_TEXT
    assert "pattern" not in components["Error"]["properties"]["detail"]


async def test_bounds_are_json_schema_keywords(api: httpx.AsyncClient) -> None:
    schema = await openapi(api)
    components = schema["components"]["schemas"]
    assert (
        components["SubmitBody"]["properties"]["version"] | {"minimum": 1, "maximum": 1_000_000}
        == (components["SubmitBody"]["properties"]["version"])
    )
    assert not re.search(r'"(ge|le|gt|lt)":', str(schema).replace("'", '"'))
    due = components["MilestonePlanItem-Input"]["properties"]["due_date"]["anyOf"][0]
    assert re.match(due["pattern"], "1990-01-01") and not re.match(due["pattern"], "1989-12-31")


async def test_a_wrong_method_is_told_every_method_the_path_takes(api: httpx.AsyncClient) -> None:
    answer = await api.request("OPTIONS", "/mous")
    assert answer.status_code == 405
    assert answer.headers["allow"] == "GET, POST"
