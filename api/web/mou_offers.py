"""The forms an MoU's page offers, from the workflow's own state: the page's one question to the workflow.

Everything else on the page is read from the projection. The forms need what the workflow's checks
take, the whole `MouState`, which only the workflow holds: its `status` query answers with it, and
`mouflow.domain.offers` asks the same checks its Update validators run. A query changes nothing in the
workflow and is never recorded in its history.
"""

import asyncio
import logging
from datetime import datetime, timedelta

from pydantic import ValidationError
from temporalio.client import Client, WorkflowQueryFailedError, WorkflowQueryRejectedError
from temporalio.service import RPCError, RPCStatusCode

from api.workflows import mou_handle
from mouflow.domain.actions import Actor
from mouflow.domain.offers import Offers, offers_for
from mouflow.domain.summaries import MouStatus
from workflows.mou import MouWorkflow

log = logging.getLogger(__name__)

# a running MoU answers in milliseconds, one its worker must replay first in well under a second; without a
# worker no answer comes, and the page is drawn without forms rather than kept waiting
QUERY_TIMEOUT = timedelta(seconds=3)


async def page_offers(client: Client, status: MouStatus, actor: Actor, now: datetime) -> Offers | None:
    """The forms `actor` may use now; None when the workflow cannot say (no worker, Temporal unreachable),
    and the page says that actions are unavailable for now."""
    if status.stage.is_terminal:
        return Offers()  # a closed MoU's workflow has completed: it takes no Update, so nothing is asked
    query = mou_handle(client, status.mou_id).query(MouWorkflow.status, rpc_timeout=QUERY_TIMEOUT)
    try:
        # the client retries an unreachable server, so the whole wait is bounded, not only each attempt
        state = await asyncio.wait_for(query, QUERY_TIMEOUT.total_seconds())
    except RPCError as error:
        if error.status is RPCStatusCode.NOT_FOUND:
            return Offers()  # no workflow runs it any more: nothing to do, and a reload would not change that
        _log_unanswered(status.mou_id, error)
        return None
    except (TimeoutError, WorkflowQueryFailedError, WorkflowQueryRejectedError, ValidationError) as error:
        _log_unanswered(status.mou_id, error)
        return None
    return offers_for(state, actor, now)


def _log_unanswered(mou_id: str, error: Exception) -> None:
    log.warning("MoU %s did not answer its status query: %r", mou_id, error)
