"""Waiting between the ticks of the worker's own loops, cut short when the worker stops."""

import asyncio


async def sleep_unless(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except TimeoutError:
        pass
