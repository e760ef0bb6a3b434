"""Which events become notifications, and what a notification says: plain rules, no I/O."""

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel

from mouflow.domain.enums import EventKind
from mouflow.domain.event_words import EventWords
from mouflow.domain.state import Event, Milestone
from mouflow.transitions import RecordTransition


class NotificationType(StrEnum):
    SUBMITTED_FOR_REVIEW = "submitted_for_review"
    REVIEW_RECORDED = "review_recorded"
    CEREMONY_SCHEDULED = "ceremony_scheduled"
    SIGNED = "signed"
    IN_FORCE = "in_force"
    MILESTONE_DUE_SOON = "milestone_due_soon"
    MILESTONE_OVERDUE = "milestone_overdue"
    RENEWAL_DUE = "renewal_due"
    REVIEW_REMINDER = "review_reminder"
    REVIEW_ESCALATED = "review_escalated"
    REOPENED = "reopened"
    SIGNATURES_VOIDED = "signatures_voided"
    TERMINATION_NOTICE = "termination_notice"
    TERMINATION_CONSENTED = "termination_consented"  # the others are asked to consent too
    TERMINATED = "terminated"


TYPE_OF_KIND = {
    EventKind.SUBMITTED: NotificationType.SUBMITTED_FOR_REVIEW,
    EventKind.REVIEWED: NotificationType.REVIEW_RECORDED,
    EventKind.CHANGES_REQUESTED: NotificationType.REVIEW_RECORDED,
    EventKind.CEREMONY_SCHEDULED: NotificationType.CEREMONY_SCHEDULED,
    EventKind.CEREMONY_RESCHEDULED: NotificationType.CEREMONY_SCHEDULED,
    EventKind.SIGNED: NotificationType.SIGNED,
    EventKind.IN_FORCE: NotificationType.IN_FORCE,
    EventKind.MILESTONE_REMINDER: NotificationType.MILESTONE_DUE_SOON,
    EventKind.MILESTONE_OVERDUE: NotificationType.MILESTONE_OVERDUE,
    EventKind.RENEWAL_DUE: NotificationType.RENEWAL_DUE,
    EventKind.REVIEW_REMINDER: NotificationType.REVIEW_REMINDER,
    EventKind.REVIEW_ESCALATED: NotificationType.REVIEW_ESCALATED,
    EventKind.REOPENED: NotificationType.REOPENED,
    EventKind.SIGNATURES_VOIDED: NotificationType.SIGNATURES_VOIDED,
    EventKind.TERMINATION_NOTICE: NotificationType.TERMINATION_NOTICE,
    EventKind.TERMINATION_CONSENTED: NotificationType.TERMINATION_CONSENTED,
    EventKind.TERMINATED: NotificationType.TERMINATED,
}


class MouInfo(BaseModel):
    id: str
    title_en: str
    title_zh: str
    stage: str
    seq: int  # the transition's number: deliveries may arrive out of order, receivers can sort by it
    party_ids: list[str]  # the MoU's parties; who of them hears of it is audience.py's rule
    # defaults for the rows written before these were kept: no reminder or escalation is among them
    owner_party_id: str = ""
    awaiting_review: list[str] = []  # the parties whose review of the open round is missing, at this transition


class MilestoneInfo(BaseModel):
    id: str
    title_en: str
    title_zh: str
    due_date: date


class EventInfo(BaseModel):
    kind: EventKind
    at: datetime
    version: int | None = None
    milestone: MilestoneInfo | None = None
    party_id: str | None = None
    actor_name: str | None = None  # None when the workflow's own clock acted
    detail: str = ""
    words: EventWords | None = None  # the detail in words each language says (mouflow.domain.event_words)


class NotificationPayload(BaseModel):
    """What the outbox keeps, the webhook body carries and the e-mail is written from."""

    type: NotificationType
    mou: MouInfo
    event: EventInfo


def notification_type(kind: EventKind) -> NotificationType | None:
    """None for the events no party is notified of (drafts, progress notes, closures...)."""
    return TYPE_OF_KIND.get(kind)


def wanted_by(filters: list[str], kind: NotificationType) -> bool:
    """A subscription's event filter: an empty list subscribes to every type."""
    return not filters or kind.value in filters


def notification_id(mou_id: str, seq: int, position: int) -> str:
    # dots, not colons: the id ends up in an e-mail's Message-ID, whose left part allows no colon
    return f"{mou_id}.{seq}.{position}"


def notifications_of(transition: RecordTransition) -> list[tuple[int, NotificationPayload]]:
    """Each notifiable event of a transition with its position, which makes the outbox id deterministic."""
    found = []
    for position, event in enumerate(transition.events):
        kind = notification_type(event.kind)
        if kind is not None:
            found.append((position, payload_of(transition, event, kind)))
    return found


def payload_of(transition: RecordTransition, event: Event, kind: NotificationType) -> NotificationPayload:
    summary = transition.summary
    mou = MouInfo(
        id=summary.mou_id,
        title_en=summary.title_en,
        title_zh=summary.title_zh,
        stage=summary.stage.value,
        seq=transition.seq,
        party_ids=list(summary.party_ids),
        owner_party_id=summary.owner_party_id,
        awaiting_review=list(summary.awaiting_review),
    )
    return NotificationPayload(type=kind, mou=mou, event=_event_info(event, transition.milestones))


def _event_info(event: Event, milestones: list[Milestone]) -> EventInfo:
    return EventInfo(
        kind=event.kind,
        at=event.at,
        version=event.version,
        milestone=_milestone_info(event.milestone_id, milestones),
        party_id=event.party_id,
        actor_name=event.actor.name if event.actor else None,
        detail=event.detail,
        words=event.words,
    )


def _milestone_info(milestone_id: str | None, milestones: list[Milestone]) -> MilestoneInfo | None:
    for milestone in milestones:
        if milestone.id == milestone_id:
            return MilestoneInfo(
                id=milestone.id, title_en=milestone.title.en, title_zh=milestone.title.zh, due_date=milestone.due_date
            )
    return None
