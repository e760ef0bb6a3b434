"""The API as ops/up.py serves it (uvicorn on uvloop and httptools), plus one bare route, in one server
process for bench/status_reads.py.

Run: .venv/bin/python bench/read_server.py <port> <database url> <bare body file>
`GET /bare` returns the JSON in the body file (a real `GET /mous/{id}` answer) from a plain FastAPI route:
no database, no token, no access check, so the two routes differ only by what mouflow's read path adds.
Reads never touch Temporal, so the app gets a lazy client that would connect only on a first write.
"""

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from scratch_db import BENCH_AUDIT_KEY
from temporalio.client import Client

from api.main import create_app
from mouflow.config import Settings
from mouflow.store.db import make_engine, session_factory


def bench_app(database_url: str, temporal: Client, bare_body: Any) -> FastAPI:
    settings = Settings(database_url=database_url)
    app = create_app(
        settings, sessions=session_factory(make_engine(database_url), audit_key=BENCH_AUDIT_KEY), temporal=temporal
    )

    @app.get("/bare", include_in_schema=False, response_model=None)
    async def bare() -> Any:
        return bare_body

    return app


async def serve(port: int, database_url: str, bare_body: Any) -> None:
    temporal = await Client.connect("127.0.0.1:1", lazy=True)  # nothing listens there; reads never call it
    app = bench_app(database_url, temporal, bare_body)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, loop="uvloop", http="httptools"
    )
    await uvicorn.Server(config).serve()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1]), sys.argv[2], json.loads(Path(sys.argv[3]).read_text())))
