"""The MoU page's forms. Each becomes the same workflow Update the API sends, through the same
`Writer`, so it is checked by the same rules and refused with the same words.

Every form carries a key made when the page was drawn: a double click or a resent form is the
same request under the same Idempotency-Key, answered once.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import FunctionType
from typing import Annotated, Any, TypeVar, cast

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from temporalio.client import Client

from api.deps import SessionDep, TemporalDep
from api.idempotency import Idempotency
from api.problems import Problem, refusal
from api.services.authenticity import CONFIRM_FIELD, require_one_language_confirmed
from api.web.auth import WEB_PATH, CheckedForm, WebUser
from api.web.draft_keys import FORM_KEY
from api.web.forms import as_body
from api.web.i18n import language_of
from api.web.mou_pages import mou_response
from api.web.reading_pages import Compared, redline_response
from api.web.refusals import refusal_in
from api.workflows import A, MouUpdate, Writer, release_connection
from mouflow.domain.actions import (
    AnswerComment,
    AnswerRequest,
    CeremonyRequest,
    ConfirmMilestone,
    ConfirmRequest,
    DecideRenewal,
    ProgressRequest,
    RenewalRequest,
    ReportProgress,
    Review,
    ReviewRequest,
    ScheduleCeremony,
    Sign,
    SignatureRequest,
    Submit,
    SubmitRequest,
)
from mouflow.domain.calendar import MOU_TIME_ZONE
from mouflow.domain.paperwork import DocumentRequest, RequestDocument
from mouflow.errors import InvalidError
from mouflow.store.idempotency import fingerprint
from mouflow.store.web_sessions import SignedIn
from mouflow.translations import Translator
from workflows.mou import MouWorkflow

M = TypeVar("M", bound=BaseModel)
router = APIRouter(prefix=f"{WEB_PATH}/mous/{{mou_id}}", include_in_schema=False)
CLAUSE_COMMENT_FIELD = re.compile(r"^clause_([1-9][0-9]{0,2})_(en|zh-Hans|zh)$")
WITNESS_PARTS = ("name_en", "name_zh", "title_en", "title_zh")
WITNESS_FIELDS = tuple(f"witness_{part}" for part in WITNESS_PARTS)
# the closing and amending forms' (api/web/closing_actions.py); `form_name` says which form a refusal belongs to
NEW_MILESTONE_FIELDS = tuple(
    f"new_{part}"
    for part in ("id", "title_en", "title_zh", "owner", "due_date", "offset_months", "offset_days", "confirm")
)
CHANGED_MILESTONE_FIELDS = ("change_milestone", "change_due_date")
CLOSING_FIELDS = ("form_name", "reason", *NEW_MILESTONE_FIELDS, *CHANGED_MILESTONE_FIELDS)
# the form fields a person types (not the hidden ones), shown again when the form is refused
TYPED_FIELDS: tuple[str, ...] = (
    *("comment", "note", "name_en", "title_en", "name_zh", "title_zh", "starts_at", "venue_en", "venue_zh"),
    *WITNESS_FIELDS,
    *CLOSING_FIELDS,
)


@dataclass(frozen=True)
class PageForm:
    """A checked form from the MoU page, with what acting on it needs."""

    request: Request
    who: SignedIn
    session: Session
    client: Client
    form: FormData

    def typed(self) -> dict[str, str]:
        """What the user wrote in the form's text fields, to show again after a refusal."""
        return {name: self.field(name) for name in TYPED_FIELDS}

    def field(self, name: str) -> str:
        value = self.form.get(name)
        return value.strip() if isinstance(value, str) else ""

    async def act(
        self,
        mou_id: str,
        update: MouUpdate[A],
        action_type: type[A],
        said: type[M],
        fields: dict[str, Any],
        first: Callable[[M], None] | None = None,
        **extra: Any,
    ) -> Response:
        """Done: back to the page the form was on (303, so a reload does not post again). Refused: that page
        again, with why. `first` checks what the API checks before the Update (a sync read of the store, run
        off the loop)."""
        with refusal(self.session) as refused:
            body = as_body(said, fields)
            writer = self._writer(body)  # a form without its key is refused first, whatever else it says
            if first is not None:
                await run_in_threadpool(self._checked_first, first, body)
            await writer.act(mou_id, update, action_type, body, **extra)
        compared = self.redline_compared()
        if refused.problem is not None and compared is not None:
            return await self._refused_redline(mou_id, compared, refused.problem)
        if refused.problem is not None:
            return await self._refused_page(mou_id, refused.problem)
        if compared is not None:
            return RedirectResponse(_redline_url(mou_id, compared, _name_of(update)), status_code=303)
        return RedirectResponse(f"{WEB_PATH}/mous/{mou_id}?done={_name_of(update)}", status_code=303)

    def redline_compared(self) -> Compared | None:
        """The versions of the redline a form was posted from (its hidden `redline_from` and `redline_to`);
        None for the MoU page's own forms."""
        if "redline_to" not in self.form:
            return None
        return _version_or_none(self.field("redline_from")), _version_or_none(self.field("redline_to"))

    def _words(self, problem: Problem) -> str:
        return refusal_in(problem, Translator(language_of(self.request)))

    async def _refused_redline(self, mou_id: str, compared: Compared, problem: Problem) -> Response:
        typed = {name: value for name, value in self.form.items() if isinstance(value, str)}
        return await redline_response(
            self.request,
            self.session,
            self.client,
            self.who,
            mou_id,
            compared,
            error=self._words(problem),
            status_code=problem.status,
            entered=typed | {"refused_at": refused_input(problem)},
        )

    async def _refused_page(self, mou_id: str, problem: Problem) -> Response:
        """The API's status and words, in the page's language, with what the user typed kept."""
        return await mou_response(
            self.request,
            self.session,
            self.client,
            self.who,
            mou_id,
            error=self._words(problem),
            status_code=problem.status,
            entered=self.typed() | {"refused_at": refused_input(problem)},
        )

    def _checked_first(self, first: Callable[[M], None], body: M) -> None:
        with release_connection(self.session):  # the connection goes back before the Update waits on Temporal
            first(body)

    def _writer(self, body: BaseModel) -> Writer:
        key = self.field("form_key")
        if not FORM_KEY.match(key):
            raise InvalidError("the form has no valid form_key; reload the page and try again")
        request = fingerprint("POST", self.request.url.path, body.model_dump_json().encode())
        idempotency = Idempotency(session=self.session, user_id=self.who.user.id, key=key, request=request)
        return Writer(
            user=self.who.user, session=self.session, client=self.client, request_id=key, idempotency=idempotency
        )


def _version_or_none(typed: str) -> int | None:
    return int(typed) if typed.isascii() and typed.isdigit() and 1 <= int(typed) <= 1_000_000 else None


def _redline_url(mou_id: str, compared: Compared, done: str) -> str:
    versions = "".join(f"&{name}={v}" for name, v in zip(("from", "to"), compared, strict=True) if v is not None)
    return f"{WEB_PATH}/mous/{mou_id}/redline?done={done}{versions}"


def refused_input(problem: Problem) -> str:
    """The page's input a refusal names, so the page shows the words next to it; "" when it names none.
    The body's fields (`reason`, `milestones.0.id`) and the rules' (`milestones[0]`, a due date out of the
    term; `milestones`, an id taken or an owner not a party, which the values tell apart) are the form's."""
    field = problem.field or ""
    if field in ("reason", "reply", CONFIRM_FIELD):
        return field
    if field.startswith("reschedule") and field.endswith("due_date"):
        return "change_due_date"
    if field.startswith(("reschedule", "remove")):
        return "change_milestone"
    if not field.startswith("milestones"):
        return ""
    part = re.sub(r"^milestones(\.\d+|\[\d+\])?\.?", "", field)  # "title.en", "id", "" for the item itself
    if part.startswith("title"):
        return "new_title_" + ("zh" if part.endswith("zh") else "en")
    if part == "owner_party_id" or "owner" in problem.values:
        return "new_owner"
    if part == "id" or field == "milestones":
        return "new_id"
    return "new_due"  # a date, an offset, or the item's one-way-to-be-due rule


def _name_of(update: MouUpdate[Any]) -> str:
    """`submit`: at run time the Update is the decorated method itself, though Temporal's type leaves its name out."""
    return cast(FunctionType, update).__name__


def page_form(request: Request, who: WebUser, session: SessionDep, client: TemporalDep, form: CheckedForm) -> PageForm:
    return PageForm(request, who, session, client, form)


PageFormDep = Annotated[PageForm, Depends(page_form)]


@router.post("/submit")
async def submit(mou_id: str, page: PageFormDep) -> Response:
    fields = {"version": page.field("version"), "review_days": page.field("review_days") or 14}
    confirmed = page.field(CONFIRM_FIELD) == "true"  # the checkbox beside the one-language changes listed

    def confirmed_first(body: SubmitRequest) -> None:
        user = page.who.user
        require_one_language_confirmed(
            session=page.session, user=user, mou_id=mou_id, version=body.version, confirmed=confirmed
        )

    return await page.act(mou_id, MouWorkflow.submit, Submit, SubmitRequest, fields, first=confirmed_first)


@router.post("/review")
async def review(mou_id: str, page: PageFormDep) -> Response:
    """From the MoU page, on the whole version; from the redline, on its clauses too."""
    fields: dict[str, Any] = {name: page.field(name) for name in ("version", "decision", "comment")}
    fields["clause_comments"] = clause_comments(page.form)
    return await page.act(mou_id, MouWorkflow.review, Review, ReviewRequest, fields)


def clause_comments(form: FormData) -> list[dict[str, Any]]:
    """The redline's boxes, `clause_2_zh` for clause 2's Chinese text: those written in, in clause order."""
    found = []
    for name, value in form.multi_items():
        match = CLAUSE_COMMENT_FIELD.match(name)
        if match and isinstance(value, str) and value.strip():
            found.append({"clause": int(match[1]), "language": match[2], "text": value.strip()})
    return sorted(found, key=lambda comment: (comment["clause"], comment["language"]))


@router.post("/comments/{comment_id}/answer")
async def answer_comment(mou_id: str, comment_id: str, page: PageFormDep) -> Response:
    """The button pressed says which: marked addressed, or answered with the reply typed."""
    fields = {"resolution": page.field("resolution"), "reply": page.field("reply")}
    update = MouWorkflow.answer_comment
    return await page.act(mou_id, update, AnswerComment, AnswerRequest, fields, comment_id=comment_id)


@router.post("/sign")
async def sign(mou_id: str, page: PageFormDep) -> Response:
    signatory = {name: page.field(name) or None for name in ("name_en", "title_en", "name_zh", "title_zh")}
    fields = {"version": page.field("version"), "signatory": signatory, "mode": page.field("mode") or "at_ceremony"}
    return await page.act(mou_id, MouWorkflow.sign, Sign, SignatureRequest, fields)


@router.post("/ceremony")
async def schedule_ceremony(mou_id: str, page: PageFormDep) -> Response:
    fields = {
        "starts_at": hong_kong_moment(page.field("starts_at")),
        "time_zone": "Asia/Hong_Kong",
        "venue": {"en": page.field("venue_en"), "zh": page.field("venue_zh")},
        "witnesses": _witnesses(page),
    }
    return await page.act(mou_id, MouWorkflow.schedule_ceremony, ScheduleCeremony, CeremonyRequest, fields)


def hong_kong_moment(typed: str) -> str:
    """A date-time field has no zone: the pages work in Hong Kong time, so that is the zone it means.
    Anything that is not a date-time goes on as typed, for the model to refuse in its own words."""
    try:
        moment = datetime.fromisoformat(typed)
    except ValueError:
        return typed
    return (moment if moment.tzinfo else moment.replace(tzinfo=MOU_TIME_ZONE)).isoformat()


def _witnesses(page: "PageForm") -> list[dict[str, dict[str, str]]]:
    """One witness from the form, when any of their four fields is filled."""
    typed = {part: page.field(f"witness_{part}") for part in WITNESS_PARTS}
    if not any(typed.values()):
        return []
    return [
        {
            "name": {"en": typed["name_en"], "zh": typed["name_zh"]},
            "title": {"en": typed["title_en"], "zh": typed["title_zh"]},
        }
    ]


@router.post("/renewal")
async def decide_renewal(mou_id: str, page: PageFormDep) -> Response:
    fields = {"renew": page.field("renew"), "comment": page.field("comment")}
    return await page.act(mou_id, MouWorkflow.decide_renewal, DecideRenewal, RenewalRequest, fields)


@router.post("/milestones/{milestone_id}/progress")
async def report_progress(mou_id: str, milestone_id: str, page: PageFormDep) -> Response:
    fields = {"status": page.field("status"), "note": page.field("note")}
    update = MouWorkflow.report_progress
    return await page.act(mou_id, update, ReportProgress, ProgressRequest, fields, milestone_id=milestone_id)


@router.post("/milestones/{milestone_id}/confirm")
async def confirm(mou_id: str, milestone_id: str, page: PageFormDep) -> Response:
    update = MouWorkflow.confirm_milestone
    fields = {"note": page.field("note")}
    return await page.act(mou_id, update, ConfirmMilestone, ConfirmRequest, fields, milestone_id=milestone_id)


@router.post("/documents/requests")
async def request_document(mou_id: str, page: PageFormDep) -> Response:
    fields = {"kind": page.field("kind"), "version": page.field("version") or None}
    return await page.act(mou_id, MouWorkflow.request_document, RequestDocument, DocumentRequest, fields)
