"""The draft editor: a new version, English and Chinese side by side, from the latest version.

Save sends the same revise Update as `PUT /mous/{id}/draft`, through the same `Writer`, with the version the
editor started from as `base_version`: when someone saved in between, the workflow refuses it as stale
(409), and the officer keeps what they typed, with a link to the newer version."""

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse

from api.deps import SessionDep, TemporalDep
from api.problems import Problem, refusal
from api.services.mous import latest_draft, read_draft
from api.web.auth import WEB_PATH, CheckedDraftForm, WebUser
from api.web.draft_form import DraftForm, checked_content, form_number, form_of, place_refusal, posted_form
from api.web.draft_keys import form_key, new_form_key, page_idempotency
from api.web.editor_access import offered
from api.web.i18n import language_of
from api.web.refusals import refusal_in
from api.web.render import page
from api.workflows import Writer, release_connection
from mouflow.domain.actions import DraftRequest, Revise
from mouflow.domain.content import DraftContent
from mouflow.domain.drafting import check_draft_size
from mouflow.domain.summaries import MouStatus
from mouflow.errors import Forbidden, NotFoundError
from mouflow.store.parties import list_parties
from mouflow.store.web_sessions import SignedIn
from mouflow.translations import Translator
from workflows.mou import MouWorkflow

router = APIRouter(prefix=f"{WEB_PATH}/mous/{{mou_id}}/draft", include_in_schema=False)


BAD_FORM = "The form was not sent as this page drew it; nothing was saved. Check it and save again."
NO_BASE = "The form does not say which version it was edited from; reload the editor and type the changes again."


@router.get("")
async def editor(request: Request, mou_id: str, who: WebUser, session: SessionDep, client: TemporalDep) -> Response:
    status = await _may_draft(session, client, who, mou_id)
    draft = await run_in_threadpool(_latest, session, who, mou_id)
    return _editor_page(request, who, session, mou_id, draft, status.current_version)


async def _may_draft(session: SessionDep, client: TemporalDep, who: SignedIn, mou_id: str) -> MouStatus:
    """The MoU, when the user may see it (else 404, as for one that does not exist) and may draft it now."""
    status, offers = await offered(session, client, who, mou_id)
    if offers is not None and offers.draft_version is None:
        # the offer asks the revise Update's own check: a Save would be refused, so no editor is drawn
        raise Forbidden("you may not draft a new version of MoU {mou} now", mou=mou_id)
    return status


def _latest(session: SessionDep, who: SignedIn, mou_id: str) -> DraftForm:
    with release_connection(session):
        return form_of(latest_draft(session=session, user=who.user, mou_id=mou_id))


@router.post("")
async def save(
    request: Request, mou_id: str, who: WebUser, session: SessionDep, client: TemporalDep, form: CheckedDraftForm
) -> Response:
    await _may_draft(session, client, who, mou_id)  # before anything sent is read: another party's MoU is a 404
    translate = Translator(language_of(request))
    draft, asked = posted_form(form, "save")
    base = str(form.get("base_version") or "").strip()
    base_version = form_number(base) or 0  # 0: none, or none this page sends; a Save of it is refused below
    if asked == "bad":
        return _editor_page(request, who, session, mou_id, draft, base_version, translate(BAD_FORM), status_code=422)
    if asked == "redraw":
        return _editor_page(request, who, session, mou_id, draft, base_version)
    content = checked_content(draft, translate)
    if content is None:
        return _editor_page(request, who, session, mou_id, draft, base_version, status_code=422)
    if base_version == 0:
        return _editor_page(request, who, session, mou_id, draft, base_version, translate(NO_BASE), status_code=422)
    key = str(form.get("form_key") or "")
    with refusal(session) as refused:
        content = await run_in_threadpool(_keeping_simplified, session, who, mou_id, base_version, content)
        body = DraftRequest(base_version=base_version, content=content)  # refused here, the text is kept
        check_draft_size(content)  # as the API does, before it travels
        writer = Writer(
            user=who.user,
            session=session,
            client=client,
            request_id=form_key(key),
            idempotency=page_idempotency(request, session, who, key, body),
        )
        await writer.act(mou_id, MouWorkflow.revise, Revise, body)
    if refused.problem is None:
        return RedirectResponse(f"{WEB_PATH}/mous/{mou_id}?done=revise", status_code=303)
    return _refused(request, who, session, mou_id, draft, base_version, refused.problem)


def _keeping_simplified(
    session: SessionDep, who: SignedIn, mou_id: str, base_version: int, content: DraftContent
) -> DraftContent:
    """The editor writes the English and Traditional text; the Simplified text, where a partner wrote one, stays
    as the base version has it (mouflow.domain.simplified), and its writer brings it up to date."""
    with release_connection(session):
        try:
            base = read_draft(session=session, user=who.user, mou_id=mou_id, number=base_version)
        except NotFoundError:
            return content  # a version the MoU does not have: the revise Update refuses it as stale, text kept
    return content.model_copy(update={"simplified": base.simplified})


def _refused(
    request: Request, who: SignedIn, session: SessionDep, mou_id: str, draft: DraftForm, base: int, problem: Problem
) -> Response:
    words = refusal_in(problem, Translator(language_of(request)))
    stale = problem.values.get("current") if problem.field == "base_version" else None
    error = place_refusal(draft, problem, words) if stale is None else words
    return _editor_page(request, who, session, mou_id, draft, base, error, stale, problem.status)


def _editor_page(
    request: Request,
    who: SignedIn,
    session: SessionDep,
    mou_id: str,
    draft: DraftForm,
    base_version: int,
    error: str | None = None,
    stale: object = None,
    status_code: int = 200,
) -> Response:
    parties = list_parties(session=session)
    context = {
        "who": who,
        "mou_id": mou_id,
        "draft": draft,
        "base_version": base_version,
        "title_en": draft.single["title_en"],  # as typed: the title of the version being made
        "title_zh": draft.single["title_zh"],
        "parties": parties,
        "party_names": {p.id: (p.name_en, p.name_zh) for p in parties},
        "error": error,
        "stale": stale,
        "form_key": new_form_key(),
    }
    return page(request, "draft.html", context, status_code)
