"""The Simplified Chinese editor: an officer of a party that reads Simplified Chinese writes the draft's text in
it, clause by clause, beside the Traditional text it renders.

It starts from what was written before, and for what is new from OpenCC's conversion with the Mainland's
phrases (mouflow.domain.simplified.starting_text). Save sends the revise Update the draft editor sends, with
the draft's other text exactly as the version it started from holds it: a new version, which every party
reviews again. Removing the text makes English and Traditional Chinese the only authentic texts again."""

from dataclasses import dataclass, field

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.datastructures import FormData

from api.deps import SessionDep, TemporalDep
from api.problems import refusal
from api.services.mous import read_draft
from api.web.auth import WEB_PATH, CheckedDraftForm, WebUser
from api.web.draft_form import form_number
from api.web.draft_keys import form_key, new_form_key, page_idempotency
from api.web.editor_access import offered
from api.web.field_words import fault_words
from api.web.i18n import language_of
from api.web.refusals import refusal_in
from api.web.render import page
from api.workflows import Writer, release_connection
from mouflow.domain.actions import DraftRequest, Revise
from mouflow.domain.content import DraftContent, SimplifiedText
from mouflow.domain.simplified import starting_text
from mouflow.domain.summaries import MouStatus
from mouflow.errors import Forbidden
from mouflow.store.web_sessions import SignedIn
from mouflow.translations import Translator
from workflows.mou import MouWorkflow

router = APIRouter(prefix=f"{WEB_PATH}/mous/{{mou_id}}/simplified", include_in_schema=False)

NO_BASE = "The form does not say which version it was written for; reload the editor and type the changes again."


@dataclass
class SimplifiedForm:
    """What the officer typed, as typed, with what is wrong with it by field: `title`, `scope-2`, `clause-0-text`."""

    title: str
    scope_areas: list[str]
    clauses: list[tuple[str, str]]
    errors: dict[str, str] = field(default_factory=dict)


@router.get("")
async def editor(request: Request, mou_id: str, who: WebUser, session: SessionDep, client: TemporalDep) -> Response:
    status = await _may_write(session, client, who, mou_id)
    base = await run_in_threadpool(_version, session, who, mou_id, status.current_version)
    start = starting_text(base)
    typed = SimplifiedForm(start.title, list(start.scope_areas), [(c.heading, c.text) for c in start.clauses])
    return _editor_page(request, who, mou_id, base, status.current_version, typed)


async def _may_write(session: SessionDep, client: TemporalDep, who: SignedIn, mou_id: str) -> MouStatus:
    """The MoU, when the user may see it (else 404) and may write its Simplified text now (else 403)."""
    status, offers = await offered(session, client, who, mou_id)
    if offers is not None and offers.simplified_version is None:
        raise Forbidden("you may not write the Simplified Chinese text of MoU {mou} now", mou=mou_id)
    return status


def _version(session: SessionDep, who: SignedIn, mou_id: str, number: int) -> DraftContent:
    with release_connection(session):
        return read_draft(session=session, user=who.user, mou_id=mou_id, number=number)


@router.post("")
async def save(
    request: Request, mou_id: str, who: WebUser, session: SessionDep, client: TemporalDep, form: CheckedDraftForm
) -> Response:
    status = await _may_write(session, client, who, mou_id)  # before anything sent is read
    translate = Translator(language_of(request))
    base_version = form_number(str(form.get("base_version") or "").strip()) or 0
    if not 1 <= base_version <= status.current_version:
        base = await run_in_threadpool(_version, session, who, mou_id, status.current_version)
        typed = _typed(form, base)
        return _editor_page(request, who, mou_id, base, status.current_version, typed, translate(NO_BASE), 422)
    base = await run_in_threadpool(_version, session, who, mou_id, base_version)
    typed = _typed(form, base)
    removing = form.get("op") == "remove"
    written = None if removing else _checked(typed, translate)
    if written is None and not removing:
        return _editor_page(request, who, mou_id, base, base_version, typed, status_code=422)
    body = DraftRequest(base_version=base_version, content=base.model_copy(update={"simplified": written}))
    with refusal(session) as refused:
        writer = Writer(
            user=who.user,
            session=session,
            client=client,
            request_id=form_key(str(form.get("form_key") or "")),
            idempotency=page_idempotency(request, session, who, str(form.get("form_key") or ""), body),
        )
        await writer.act(mou_id, MouWorkflow.revise, Revise, body)
    if refused.problem is None:
        return RedirectResponse(f"{WEB_PATH}/mous/{mou_id}?done=simplified", status_code=303)
    stale = refused.problem.values.get("current") if refused.problem.field == "base_version" else None
    error = refusal_in(refused.problem, translate)
    return _editor_page(request, who, mou_id, base, base_version, typed, error, refused.problem.status, stale)


def _typed(form: FormData, base: DraftContent) -> SimplifiedForm:
    """One field for each of the version's scope areas and clauses: the form draws no other."""

    def text(name: str) -> str:
        return str(form.get(name) or "")

    return SimplifiedForm(
        title=text("title"),
        scope_areas=[text(f"scope-{index}") for index in range(len(base.scope_areas))],
        clauses=[(text(f"clause-{index}-heading"), text(f"clause-{index}-text")) for index in range(len(base.clauses))],
    )


def _checked(typed: SimplifiedForm, translate: Translator) -> SimplifiedText | None:
    """The text, or None with every fault written next to its field."""
    fields = {
        "title": typed.title,
        "scope_areas": typed.scope_areas,
        "clauses": [{"heading": heading, "text": text} for heading, text in typed.clauses],
    }
    try:
        return SimplifiedText.model_validate(fields)
    except ValidationError as error:
        for fault in error.errors():
            typed.errors.setdefault(_field_key(fault["loc"]), fault_words(fault, translate))
        return None


def _field_key(loc: tuple[int | str, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "scope_areas":
        return f"scope-{loc[1]}"
    if len(loc) >= 3 and loc[0] == "clauses":
        return f"clause-{loc[1]}-{loc[2]}"
    return "title"


def _editor_page(
    request: Request,
    who: SignedIn,
    mou_id: str,
    base: DraftContent,
    base_version: int,
    typed: SimplifiedForm,
    error: str | None = None,
    status_code: int = 200,
    stale: object = None,
) -> Response:
    context = {
        "who": who,
        "mou_id": mou_id,
        "base": base,
        "base_version": base_version,
        "typed": typed,
        "written_before": base.simplified is not None,
        "error": error,
        "stale": stale,
        "form_key": new_form_key(),
    }
    return page(request, "simplified.html", context, status_code)
