"""What a request body may be, judged before any route parses it, in the API's error envelope:

- at most `MAX_BODY_BYTES`, counted as it arrives (413), so that a 20 MB body is never read whole;
- not compressed: a `Content-Encoding` other than identity is refused (415), never ignored;
- JSON that parses: not UTF-8, nested too deep, or a number too long to read answers 400 naming which;
- no control characters in its strings but tab and line breaks, and no bidirectional overrides or isolates
  (422, naming the field): a NUL byte or an escape sequence in a title would reach every page, PDF, e-mail
  and log that shows it, and an override would show a clause's words in another order than they are stored.
  The OpenAPI document declares the same rule on every string a body holds (api/openapi_text.py).

A pure ASGI middleware: the body is held (it is small by then) and handed on to the route unchanged.
"""

import json
import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# the largest body a page or client sends: a draft at its 128 KB JSON cap, or the same draft as a form,
# whose Chinese is percent-encoded (three bytes a character, each written as %XX)
MAX_BODY_BYTES = 1024 * 1024
# all C0 controls, DEL and the C1 controls (\x9b starts an 8-bit terminal escape), but tab, LF and CR; then
# the bidirectional embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069). Written as a regular
# expression's ranges that Python and JSON Schema (ECMA-262) read alike.
REFUSED_CHARACTERS = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[{REFUSED_CHARACTERS}]")
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class TooLarge(Exception):
    pass


class Disconnected(Exception):
    """The client went away before its body ended: no route sees half a body as if it were whole."""


class BodyLimits:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
        refused = _refused_headers(headers)
        if refused is None:
            try:
                body = await _read_body(receive)
            except Disconnected:
                return  # nobody is there to answer
            except TooLarge:
                refused = _too_large()
            else:
                refused = _refused_json(body) if _is_json(headers) else None
        if refused is not None:
            await _answer(send, *refused)
            return
        await self.app(scope, _replaying(body, receive), send)


Refusal = tuple[int, dict[str, str]]


def _refused_headers(headers: dict[str, str]) -> Refusal | None:
    encoding = headers.get("content-encoding", "identity").strip().lower()
    if encoding not in {"", "identity"}:
        detail = f"Content-Encoding {encoding!r} is not supported: send the body uncompressed"
        return 415, {"error": "unsupported_encoding", "detail": detail, "field": "Content-Encoding"}
    length = headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY_BYTES:
        return _too_large()
    return None


def _too_large() -> Refusal:
    detail = f"the request body is larger than {MAX_BODY_BYTES // 1024} KB, the most that is read"
    return 413, {"error": "too_large", "detail": detail}


async def _read_body(receive: Receive) -> bytes:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise Disconnected
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise TooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _is_json(headers: dict[str, str]) -> bool:
    media = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def _refused_json(body: bytes) -> Refusal | None:
    if not body:
        return None
    try:
        parsed = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as error:
        return 400, {"error": "invalid_body", "detail": f"the body is not UTF-8: byte {error.start} is not"}
    except RecursionError:
        return 400, {"error": "invalid_body", "detail": "the JSON body is nested too deep to read"}
    except ValueError as error:  # not JSON, or a number longer than Python reads (4,300 digits)
        return 400, {"error": "invalid_body", "detail": f"the body is not JSON that can be read: {error}"}
    field = _control_character_at(parsed)
    if field is None:
        return None
    detail = "text may not hold control characters, except tab and line breaks, nor bidirectional overrides"
    return 422, {"error": "invalid_input", "detail": f"{field}: {detail}", "field": field}


def _control_character_at(value: Any) -> str | None:
    """The path of the first string, or key, holding a control character; without recursion, as any depth
    the parser took is walked."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str) and CONTROL.search(item):
            return path or "body"
        if isinstance(item, dict):
            for key, inner in item.items():
                if CONTROL.search(key):
                    return path or "body"
                stack.append((f"{path}.{key}" if path else key, inner))
        elif isinstance(item, list):
            stack.extend((f"{path}[{index}]", inner) for index, inner in enumerate(item))
    return None


def _replaying(body: bytes, receive: Receive) -> Receive:
    """The body once, as one message; then the connection's own messages, so a disconnect is still heard."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _answer(send: Send, status: int, body: dict[str, str]) -> None:
    content = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content})
