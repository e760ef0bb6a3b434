"""Closed-loop load: N clients, each on its own keep-alive connection, each sending its next GET as soon
as the last one answered, for a fixed time. Prints one JSON line: latencies (seconds), elapsed, errors.

Run: .venv/bin/python bench/http_load.py <port> <seconds> <clients> <token> <path> [<path> ...] [--cookie=C]
`--cookie=name=value` adds a Cookie header to every request (a web session, for bench/pages.py).
It speaks plain HTTP/1.1 over asyncio streams rather than through httpx: on a 2-core machine the load
generator shares the CPU with the server, and a generator that costs less per request than the server
measures the server, not itself.
"""

import asyncio
import itertools
import json
import sys
import time


async def one_client(port: int, requests: list[bytes], until: float, latencies: list[float]) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    errors = 0
    for request in itertools.cycle(requests):
        if time.perf_counter() >= until:
            break
        started = time.perf_counter()
        writer.write(request)
        status = await read_response(reader)
        latencies.append(time.perf_counter() - started)
        errors += status != 200
    writer.close()
    return errors


async def read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    length = next(int(value) for name, value in headers.items() if name.lower() == "content-length")
    await reader.readexactly(length)
    return int(lines[0].split(" ")[1])


def get_request(path: str, token: str, cookie: str | None = None) -> bytes:
    cookie_line = f"Cookie: {cookie}\r\n" if cookie else ""
    head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n{cookie_line}\r\n"
    return head.encode()


async def run(
    port: int, seconds: float, clients: int, token: str, paths: list[str], cookie: str | None = None
) -> dict[str, object]:
    latencies: list[float] = []
    started = time.perf_counter()
    until = started + seconds
    requests = [get_request(path, token, cookie) for path in paths]
    # each client starts at a different path, so concurrent requests read different MoUs
    turns = [requests[n % len(requests) :] + requests[: n % len(requests)] for n in range(clients)]
    tasks = [one_client(port, turn, until, latencies) for turn in turns]
    errors = sum(await asyncio.gather(*tasks))
    return {"latencies": latencies, "elapsed": time.perf_counter() - started, "errors": errors}


if __name__ == "__main__":
    options = [arg for arg in sys.argv[1:] if arg.startswith("--cookie=")]
    port, seconds, clients, token, *paths = [arg for arg in sys.argv[1:] if arg not in options]
    cookie = options[-1].removeprefix("--cookie=") if options else None
    print(json.dumps(asyncio.run(run(int(port), float(seconds), int(clients), token, paths, cookie))))
