"""How soon after `POST /mous` the first draft's PDF can be downloaded, on the stack `ops.up` runs.

Run: .venv/bin/python bench/first_draft.py [N] [--render-workers R] [--database-url URL]   # N=10, R=cores
A real stack (ops.stack: Temporal dev server, a MoU worker, R render workers, the API) on a fresh store.
N times, one at a time, an officer starts an MoU and polls `GET /mous/{id}/documents` every 20 ms until the
draft is listed, then downloads it: the time from sending the POST to holding the PDF. Prints the median,
p95 and the slowest, and the POST's own answer time. Target (the performance issue): 0.5 s.
"""

import argparse
import asyncio
import os
import statistics
import time
import uuid

import httpx
from fresh_store import POSTGRES, fresh_stack
from load_client import make_tokens
from symposium import first_draft, partner_of

from mouflow.demo import HKTE
from mouflow.sessions import sessions_from

TARGET = 0.5  # seconds from the POST to the draft in hand
POLL = 0.02  # seconds between looks at the documents list


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=10, help="MoUs started one after another (default 10)")
    parser.add_argument("--render-workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--database-url", default=POSTGRES, help="the store: PostgreSQL (fresh schema) or sqlite:///")
    return parser.parse_args()


async def one(http: httpx.AsyncClient, token: str, mou_id: str, n: int) -> tuple[float, float]:
    """Seconds to the POST's answer, and to the downloaded draft."""
    partner = partner_of(n)
    body = {
        "mou_id": mou_id,
        "partner_ids": [partner.id],
        "content": first_draft(partner, mou_id).content.model_dump(mode="json"),
    }
    headers = {"Authorization": f"Bearer {token}"}
    started = time.perf_counter()
    created = await http.post("/mous", json=body, headers=headers)
    answered = time.perf_counter() - started
    assert created.status_code == 201, created.text
    while True:
        listed = (await http.get(f"/mous/{mou_id}/documents", headers=headers)).json()
        draft = next((d for d in listed if d["kind"] == "draft"), None)
        if draft is not None:
            break
        await asyncio.sleep(POLL)
    pdf = await http.get(f"/documents/{draft['document_id']}", headers=headers)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), pdf.status_code
    return answered, time.perf_counter() - started


async def main() -> None:
    args = arguments()
    async with fresh_stack(args.database_url, "first_draft", render_workers=args.render_workers) as stack:
        tokens = make_tokens(sessions_from(stack.settings))
        run = uuid.uuid4().hex[:6]
        async with httpx.AsyncClient(base_url=stack.api_url, timeout=60) as http:
            await one(http, tokens[HKTE.id], f"warm-{run}", 0)
            timings = [await one(http, tokens[HKTE.id], f"draft-{run}-{n}", n) for n in range(args.n)]
    report([answered for answered, _ in timings], [whole for _, whole in timings], args.render_workers)


def report(answers: list[float], wholes: list[float], render_workers: int) -> None:
    p95 = statistics.quantiles(wholes, n=20, method="inclusive")[-1] if len(wholes) > 1 else wholes[0]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; {render_workers} render workers")
    print(f"POST /mous answered: median {statistics.median(answers) * 1000:.0f} ms")
    print(
        f"first draft downloaded after POST /mous: median {statistics.median(wholes) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, slowest {max(wholes) * 1000:.0f} ms (target {TARGET * 1000:.0f} ms): "
        + ("met" if statistics.median(wholes) <= TARGET else "NOT met")
    )


if __name__ == "__main__":
    asyncio.run(main())
