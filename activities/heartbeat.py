"""Heartbeats from a thread beside one long synchronous call, so Temporal notices a dead worker in seconds.

Without them a render lost with its worker is retried only after its whole start-to-close timeout,
which must stay long: a render on a loaded machine can take several seconds.
"""

import contextvars
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from temporalio import activity

BEAT_EVERY = 1.0  # seconds; the workflow's heartbeat timeout allows several beats to go missing

log = logging.getLogger(__name__)


@contextmanager
def heartbeating(every: float = BEAT_EVERY) -> Iterator[None]:
    """Heartbeats while the block runs; does nothing outside an activity (tests call activities directly)."""
    if not activity.in_activity():
        yield
        return
    done = threading.Event()
    # activity.heartbeat finds its activity through context variables, which a new thread does not inherit
    beater = threading.Thread(target=contextvars.copy_context().run, args=(_beat, done, every), daemon=True)
    beater.start()
    try:
        yield
    finally:
        done.set()
        beater.join()


def _beat(done: threading.Event, every: float) -> None:
    while not done.wait(every):
        try:
            activity.heartbeat()  # waits up to 10 s for the worker's event loop to take the beat
        except TimeoutError:  # the event loop is busy, not gone: the next beat may get through
            continue
        except Exception:  # the worker's event loop is gone: it is shutting down, nothing is left to tell
            log.warning("heartbeat not sent; stopping heartbeats for this attempt", exc_info=True)
            return
