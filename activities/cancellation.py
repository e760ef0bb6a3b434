"""Cancellation of threaded activities, delivered only where it is safe.

The SDK tells a synchronous activity running in a thread that its attempt was cancelled (a heartbeat was
late, its start-to-close timeout passed) by raising CancelledError asynchronously in that thread,
wherever it is. Landing inside a library that holds a lock, such as WeasyPrint's logging call or
SQLAlchemy's connection pool, it leaves the lock held, and every thread that needs it hangs: under load
it hung the whole worker. Inside `uncancellable()` the exception waits until the block ends.
"""

from contextlib import AbstractContextManager, nullcontext

from temporalio import activity


def uncancellable() -> AbstractContextManager[None]:
    """Outside an activity (tests call activities directly) it does nothing."""
    return activity.shield_thread_cancel_exception() if activity.in_activity() else nullcontext()
