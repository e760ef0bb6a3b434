"""Anchors the audit log's chains now and then (mouflow.store.audit_anchor), as a loop in the worker.

Every worker runs one; their anchors take turns on the anchor's row lock, and an anchor with nothing new is
not taken, so more workers only anchor sooner.
"""

import asyncio
import logging

from sqlalchemy.orm import Session, sessionmaker

from mouflow.periodic import sleep_unless
from mouflow.store.audit_anchor import take_anchor
from mouflow.store.db import session_scope

log = logging.getLogger(__name__)


async def anchor_periodically(sessions: sessionmaker[Session], *, every_seconds: float, stop: asyncio.Event) -> None:
    """Until `stop` is set; a failed anchor is logged and the next tick tries again."""
    while not stop.is_set():
        try:
            await asyncio.to_thread(anchor_once, sessions)
        except Exception:  # the worker must outlive any outage of the database
            log.exception("anchoring the audit log failed; trying again at the next tick")
        await sleep_unless(stop, every_seconds)


def anchor_once(sessions: sessionmaker[Session]) -> int:
    """Returns how many chains' heads the anchor recorded."""
    with session_scope(sessions) as session:
        return take_anchor(session=session)
