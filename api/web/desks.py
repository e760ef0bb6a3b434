"""The review inbox (what waits on my party) and the managers' dashboard (milestones across MoUs)."""

from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response

from api.access import require_auditor
from api.deps import SessionDep
from api.web.auth import WEB_PATH, WebUser
from api.web.charts import PartyProgress
from api.web.render import page
from mouflow.domain.calendar import local_date
from mouflow.store.inbox import inbox
from mouflow.store.parties import list_parties
from mouflow.store.reports import overdue_and_upcoming, progress_by_party

router = APIRouter(prefix=WEB_PATH, include_in_schema=False)
UPCOMING_DAYS = 60


@router.get("/inbox")
def review_inbox(request: Request, who: WebUser, session: SessionDep) -> Response:
    today = local_date(datetime.now(UTC))
    items = inbox(session=session, party_id=who.user.party_id, today=today, days_ahead=UPCOMING_DAYS)
    return page(request, "inbox.html", {"who": who, "items": items, "now": datetime.now(UTC)})


@router.get("/dashboard")
def dashboard(request: Request, who: WebUser, session: SessionDep) -> Response:
    require_auditor(session, who.user)
    today = local_date(datetime.now(UTC))
    lines = overdue_and_upcoming(session=session, today=today, days_ahead=UPCOMING_DAYS)
    counts = progress_by_party(session=session)
    parties = {party.id: party for party in list_parties(session=session)}
    progress = [
        PartyProgress(party_id, parties[party_id].name_en if party_id in parties else party_id, **tally)
        for party_id, tally in sorted(counts.items())
    ]
    context = {
        "who": who,
        "today": today,
        "overdue": [(m, mou) for m, mou in lines if m.overdue],
        "upcoming": [(m, mou) for m, mou in lines if not m.overdue],
        "progress": progress,
        "party_names": {p.id: (p.name_en, p.name_zh) for p in parties.values()},
    }
    return page(request, "dashboard.html", context)
