"""A render that keeps failing never holds the MoU: the clock fires on time, the document is recorded
missing after its bounded attempts, and asking for it again with a working renderer makes it."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker
from temporalio.testing import WorkflowEnvironment

from activities.documents import DocumentActivities
from mouflow.demo import HKTE, officer
from mouflow.documents.models import DocumentKind
from mouflow.documents.records import list_documents
from mouflow.documents.storage import DiskStorage
from mouflow.domain.actions import Actor, Submit
from mouflow.domain.clock import next_moment
from mouflow.domain.enums import EventKind, Role
from mouflow.domain.paperwork import RequestDocument
from mouflow.domain.state import MouState
from mouflow.store.mous import get_mou
from tests import symposium as case
from tests.conftest import running_worker
from tests.documents.jammed import JAMMED, JammedPress
from tests.workflows.driver import Mou, eventually, recorded, start, status
from workflows.mou import RENDER_RETRY, MouWorkflow

MOU_ID = case.NANSHA_MOU.mou_id
DRAFT, COPY = (DocumentKind.DRAFT.value, 1), (DocumentKind.PARTNER_COPY.value, 1)
OPERATOR = Actor(user_id="ops", name="Operator", party_id=HKTE.id, role=Role.ADMIN)


async def test_a_failing_render_never_holds_the_clock_and_is_made_when_asked_again(
    time_env: WorkflowEnvironment, task_queue: str, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    storage = DiskStorage(tmp_path / "documents")
    press = JammedPress(DocumentActivities(storage, sessions))
    async with running_worker(time_env.client, task_queue, sessions, storage, renders=[press.render]):
        mou = await start(time_env.client, task_queue, case.NANSHA_MOU)
        await time_env.sleep(timedelta(minutes=5))  # longer than the attempts of both first documents
        state = await eventually(mou, recorded_with_missing(2), "both first documents missing")
        assert sorted(press.failed) == sorted([DRAFT, COPY] * RENDER_RETRY.maximum_attempts)
        assert {(m.kind, m.version, m.error) for m in state.paperwork.missing} == {
            (DocumentKind.DRAFT, 1, JAMMED),
            (DocumentKind.PARTNER_COPY, 1, JAMMED),
        }
        assert _stored_missing(sessions) == [DRAFT, COPY]

        reminder_due = await _ask_again_just_before_a_reminder(time_env, mou)
        await time_env.sleep(timedelta(minutes=5))
        await eventually(mou, lambda s: not s.paperwork.owed, "the second round of attempts over")
        (reminder,) = recorded(sessions, MOU_ID, EventKind.REVIEW_REMINDER)
        _, again = recorded(sessions, MOU_ID, EventKind.DOCUMENT_MISSING)[-2:]
        assert abs(_utc(reminder.at) - reminder_due) < timedelta(seconds=5)  # on time, the render still failing
        assert _utc(again.at) > reminder_due + timedelta(seconds=60) and again.seq > reminder.seq
        assert len(press.failed) == 3 * RENDER_RETRY.maximum_attempts

        press.jammed = False
        await mou.execute_update(MouWorkflow.request_document, _request(OPERATOR))
        state = await eventually(mou, recorded_with_missing(1), "the draft made after all")
        assert (state.paperwork.missing[0].kind, state.paperwork.missing[0].version) == (DocumentKind.PARTNER_COPY, 1)
        assert _documents(sessions) == [DRAFT]
        assert _stored_missing(sessions) == [COPY] and recorded(sessions, MOU_ID, EventKind.DOCUMENT_RENDERED)
        assert (await status(mou)).stage.value == "in_review"  # the MoU went on throughout


def recorded_with_missing(count: int) -> Callable[[MouState], bool]:
    """A document leaves `owed` once its outcome is in the store: then the projection shows it too."""
    return lambda state: not state.paperwork.owed and len(state.paperwork.missing) == count


async def _ask_again_just_before_a_reminder(env: WorkflowEnvironment, mou: Mou) -> datetime:
    """A minute before the first review reminder the draft is asked for again, with the press still jammed:
    its attempts take about two minutes, so the reminder falls due while they go on."""
    await mou.execute_update(MouWorkflow.submit, Submit(actor=officer(HKTE), version=1, review_days=5))
    due = next_moment(await status(mou))
    assert due is not None
    await env.sleep(due - await env.get_current_time() - timedelta(minutes=1))
    await mou.execute_update(MouWorkflow.request_document, _request(officer(HKTE)))
    return due


def _request(actor: Actor) -> RequestDocument:
    return RequestDocument(actor=actor, kind=DocumentKind.DRAFT, version=1)


def _stored_missing(sessions: sessionmaker[Session]) -> list[tuple[str, int]]:
    """What GET /mous/{id} serves: the projection's status JSON."""
    with sessions() as session:
        row = get_mou(session=session, mou_id=MOU_ID)
        assert row is not None
        return sorted((m["kind"], m["version"]) for m in row.status["missing_documents"])


def _documents(sessions: sessionmaker[Session]) -> list[tuple[str, int | None]]:
    with sessions() as session:
        return [(row.kind, row.version) for row in list_documents(session=session, mou_id=MOU_ID)]


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite gives naive UTC back
