"""Starting MoUs from a page: blank, as a copy of an MoU the officer sees (`?copy=`), or one text for
several partners, one MoU each. The start goes through the API's own service, so it is refused with the
API's status and words; a fault in the typed text is written next to its field, and nothing starts."""

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse

from api.deps import SessionDep, SettingsDep, TemporalDep
from api.problems import refusal
from api.schemas import StartBody, StartEachBody
from api.services import mous as service
from api.web.auth import WEB_PATH, CheckedDraftForm, WebUser
from api.web.draft_form import DraftForm, blank_form, checked_content, form_of, place_refusal, posted_form
from api.web.draft_keys import FORM_KEY, form_key, new_form_key, page_idempotency
from api.web.i18n import language_of
from api.web.refusals import refusal_in
from api.web.render import page
from api.workflows import release_connection
from mouflow.domain.content import DraftContent
from mouflow.domain.summaries import MouSummary
from mouflow.store.idempotency import find_answer
from mouflow.store.parties import list_parties
from mouflow.store.web_sessions import SignedIn
from mouflow.translations import Translator

router = APIRouter(prefix=f"{WEB_PATH}/mous/new", include_in_schema=False)
PATH = f"{WEB_PATH}/mous/new"
BAD_FORM = "The form was not sent as this page drew it; nothing was started. Check it and start again."


@router.get("")
def new_mou(
    request: Request,
    who: WebUser,
    session: SessionDep,
    copy: Annotated[str | None, Query(max_length=64)] = None,
    started: Annotated[str | None, Query(max_length=2000)] = None,
) -> Response:
    service.require_may_start(session, who.user)
    draft = form_of(service.latest_draft(session=session, user=who.user, mou_id=copy)) if copy else blank_form()
    shown = [mou_id for mou_id in (started or "").split(",") if mou_id]
    return _form_page(request, who, session, draft, kept={"copy_of": copy, "chosen": [], "mode": "each"}, started=shown)


@router.post("")
async def start(
    request: Request,
    who: WebUser,
    session: SessionDep,
    client: TemporalDep,
    settings: SettingsDep,
    form: CheckedDraftForm,
) -> Response:
    await run_in_threadpool(service.require_may_start, session, who.user)
    translate = Translator(language_of(request))
    draft, asked = posted_form(form, "start")
    chosen = [value for value in form.getlist("partner") if isinstance(value, str)]
    mode = "together" if form.get("mode") == "together" else "each"
    copy_of = str(form.get("copy_of") or "") or None
    kept = {"copy_of": copy_of, "chosen": chosen, "mode": mode}
    if asked == "bad":
        return _form_page(request, who, session, draft, kept=kept, error=translate(BAD_FORM), status_code=422)
    if asked == "redraw":
        return _form_page(request, who, session, draft, kept=kept)
    content = checked_content(draft, translate)
    _check_partners(session, who, draft, chosen, translate)
    if content is None or draft.errors:
        return _form_page(request, who, session, draft, kept=kept, status_code=422)
    key = str(form.get("form_key") or "")
    with refusal(session) as refused:
        started = await _start(request, who, session, client, settings.task_queue, key, content, chosen, mode)
    if refused.problem is not None:
        words = place_refusal(draft, refused.problem, refusal_in(refused.problem, translate))
        # when part of it started, the form sent again is the same request, and starts only the rest
        same_key = key if await run_in_threadpool(_started_under, session, who, key, chosen) else None
        return _form_page(
            request,
            who,
            session,
            draft,
            error=words,
            status_code=refused.problem.status,
            kept=kept,
            form_key=same_key,
        )
    return RedirectResponse(f"{PATH}?started={','.join(s.mou_id for s in started)}", status_code=303)


def _started_under(session: SessionDep, who: SignedIn, key: str, partners: list[str]) -> bool:
    """Whether a start sent with this form key kept an answer: the whole start's, or one partner's."""
    if not FORM_KEY.match(key):
        return False
    with release_connection(session):
        keys = [key, *(service.partner_key(key, partner) for partner in partners)]
        return any(find_answer(session=session, user_id=who.user.id, key=one) is not None for one in keys)


async def _start(
    request: Request,
    who: SignedIn,
    session: SessionDep,
    client: TemporalDep,
    task_queue: str,
    key: str,
    content: DraftContent,
    partners: list[str],
    mode: str,
) -> list[MouSummary]:
    """One MoU for all the partners, or one per partner: the two starts `POST /mous` and `POST /mous/batch` make."""
    user, request_id = who.user, form_key(key)
    if mode == "together" and len(partners) > 1:
        body = StartBody(partner_ids=partners, content=content)
        idempotency = page_idempotency(request, session, who, key, body)
        starting = service.Starting(body=body, request_id=request_id, idempotency=idempotency)
        started = service.start_mou(session=session, user=user, client=client, task_queue=task_queue, starting=starting)
        return [await started]
    each_body = StartEachBody(partner_ids=partners, content=content)
    idempotency = page_idempotency(request, session, who, key, each_body)
    each = service.EachStarting(body=each_body, request_id=request_id, idempotency=idempotency)
    return await service.start_each(session=session, user=user, client=client, task_queue=task_queue, each=each)


def _check_partners(
    session: SessionDep, who: SignedIn, draft: DraftForm, chosen: list[str], translate: Translator
) -> None:
    """What a form can get wrong about the parties, in words next to them; the service checks again."""
    known = {party.id for party in list_parties(session=session)} - {who.user.party_id}
    if not chosen:
        draft.errors["parties"] = translate("Choose at least one partner.")
    elif len(set(chosen)) != len(chosen):
        draft.errors["parties"] = translate("Each partner may be chosen only once.")
    elif not set(chosen) <= known:
        unknown = ", ".join(sorted(set(chosen) - known))
        draft.errors["parties"] = f"{translate('There is no such partner:')} {unknown}"


def _form_page(
    request: Request,
    who: SignedIn,
    session: SessionDep,
    draft: DraftForm,
    *,
    kept: Mapping[str, object],
    started: list[str] | None = None,
    error: str | None = None,
    status_code: int = 200,
    form_key: str | None = None,
) -> Response:
    parties = list_parties(session=session)
    owner = next(p for p in parties if p.id == who.user.party_id)
    context = {
        "who": who,
        "draft": draft,
        "owner": owner,
        "partners": [p for p in parties if p.id != owner.id],
        "parties": parties,
        "party_names": {p.id: (p.name_en, p.name_zh) for p in parties},
        "each_partner": True,
        **kept,  # the copied MoU, the partners chosen and how: as the officer left them
        "started": started or [],
        "error": error,
        "form_key": form_key or new_form_key(),
    }
    return page(request, "new_mou.html", context, status_code)
