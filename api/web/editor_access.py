"""Who may open an editor (the draft's, the Simplified text's): the MoU as its page shows it, and the offers the
workflow's own checks make this user now, so that an editor a Save would be refused from is never drawn."""

from datetime import UTC, datetime

from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session
from temporalio.client import Client

from api.access import visible_mou
from api.web.mou_offers import page_offers
from api.workflows import release_connection
from mouflow.domain.offers import Offers
from mouflow.domain.summaries import MouStatus
from mouflow.store.users import to_actor
from mouflow.store.web_sessions import SignedIn


async def offered(session: Session, client: Client, who: SignedIn, mou_id: str) -> tuple[MouStatus, Offers | None]:
    """The MoU, when the user may see it (else 404, as for one that does not exist), and what it offers them;
    None when the workflow could not be asked, and the Save's own check decides."""
    status = await run_in_threadpool(_visible_status, session, who, mou_id)
    return status, await page_offers(client, status, to_actor(who.user), datetime.now(UTC))


def _visible_status(session: Session, who: SignedIn, mou_id: str) -> MouStatus:
    with release_connection(session):
        return MouStatus.model_validate(visible_mou(session=session, user=who.user, mou_id=mou_id).status)
