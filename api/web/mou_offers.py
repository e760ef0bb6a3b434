"""The forms an MoU's page offers, from the workflow's own state: the page's one question to the workflow.

Everything else on the page is read from the projection. The forms need what the workflow's checks
take, the whole `MouState`, which only the workflow holds: its `status` query answers with it, and
`mouflow.domain.offers` asks the same checks its Update validators run. A query changes nothing in the
workflow and is never recorded in its history.
"""

import logging
from datetime import datetime, timedelta

from temporalio.client import Client, WorkflowQueryFailedError, WorkflowQueryRejectedError
from temporalio.service import RPCError

from api.workflows import mou_handle
from mouflow.domain.actions import Actor
from mouflow.domain.offers import Offers, offers_for
from mouflow.domain.state import MouState
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
    state = await live_state(client, status.mou_id)
    return None if state is None else offers_for(state, actor, now)


async def live_state(client: Client, mou_id: str) -> MouState | None:
    try:
        return await mou_handle(client, mou_id).query(MouWorkflow.status, rpc_timeout=QUERY_TIMEOUT)
    except (RPCError, WorkflowQueryFailedError, WorkflowQueryRejectedError) as error:
        log.warning("MoU %s did not answer its status query: %s", mou_id, error)
        return None
