"""The small vocabularies shared by the workflow, the store, the API and the tests."""

from enum import StrEnum


class Stage(StrEnum):
    DRAFTING = "drafting"
    IN_REVIEW = "in_review"
    READY_TO_SIGN = "ready_to_sign"
    SIGNED = "signed"  # every party signed; the effective date is still ahead
    IN_FORCE = "in_force"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    TERMINATED = "terminated"

    @property
    def is_terminal(self) -> bool:
        return self in {Stage.EXPIRED, Stage.WITHDRAWN, Stage.TERMINATED}


PRE_SIGNATURE_STAGES = frozenset({Stage.DRAFTING, Stage.IN_REVIEW, Stage.READY_TO_SIGN})
EXECUTED_STAGES = frozenset({Stage.SIGNED, Stage.IN_FORCE})


class ReadingLanguage(StrEnum):
    """The languages a person reads mouflow in: its pages, and what it sends them."""

    ENGLISH = "en"
    TRADITIONAL_CHINESE = "zh-Hant"
    SIMPLIFIED_CHINESE = "zh-Hans"


class Role(StrEnum):
    OFFICER = "officer"
    VIEWER = "viewer"
    MANAGER = "manager"
    ADMIN = "admin"


class ReviewDecision(StrEnum):
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"


class TextLanguage(StrEnum):
    """The languages of an MoU's text: a review comment names the one it is about."""

    EN = "en"
    ZH = "zh"
    ZH_HANS = "zh-Hans"  # the Simplified text, where the version has one (mouflow.domain.simplified)


class CommentResolution(StrEnum):
    ADDRESSED = "addressed"  # the drafter changed the text as asked
    ANSWERED = "answered"  # the drafter replies instead, saying why


class SigningMode(StrEnum):
    AT_CEREMONY = "at_ceremony"  # signed at the ceremony, from its start
    IN_COUNTERPART = "in_counterpart"  # a party that cannot attend signs its own counterpart


class TerminationWay(StrEnum):
    NOTICE = "notice"  # one party's written notice, in force until the notice period ends
    AGREEMENT = "agreement"  # every party's officer consents: it ends at once
    AT_ONCE = "at_once"  # the first edition of the rules: one officer, at once


class MilestoneStatus(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class EventKind(StrEnum):
    STARTED = "started"
    REVISED = "revised"
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"
    CHANGES_REQUESTED = "changes_requested"
    READY_TO_SIGN = "ready_to_sign"
    REVIEW_REMINDER = "review_reminder"
    REVIEW_ESCALATED = "review_escalated"
    CEREMONY_SCHEDULED = "ceremony_scheduled"
    CEREMONY_RESCHEDULED = "ceremony_rescheduled"
    SIGNED = "signed"
    EXECUTED = "executed"
    IN_FORCE = "in_force"
    MILESTONE_REMINDER = "milestone_reminder"
    MILESTONE_OVERDUE = "milestone_overdue"
    MILESTONE_PROGRESS = "milestone_progress"
    MILESTONE_CONFIRMED = "milestone_confirmed"
    MILESTONES_AMENDED = "milestones_amended"
    MILESTONE_RESCHEDULED = "milestone_rescheduled"  # an amendment moved one milestone's due date; detail says why
    MILESTONE_REMOVED = "milestone_removed"  # an amendment took one milestone out of the plan; detail says why
    COMMENT_ANSWERED = "comment_answered"  # the drafter marked a review comment addressed, or answered it
    RENEWAL_DUE = "renewal_due"
    RENEWAL_DECIDED = "renewal_decided"
    RENEWED = "renewed"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    TERMINATED = "terminated"
    REOPENED = "reopened"  # the owner takes an approved version back to drafting; approvals are cleared
    SIGNATURES_VOIDED = "signatures_voided"  # the owner voids a partly signed MoU's signatures, with a reason
    TERMINATION_NOTICE = "termination_notice"  # a party gives written notice; the MoU ends when the notice does
    TERMINATION_CONSENTED = "termination_consented"  # a party's officer consents to end the MoU at once
    DOCUMENT_MISSING = "document_missing"  # a render failed after its bounded retries: detail has why
    DOCUMENT_REQUESTED = "document_requested"  # an owner's officer or an operator asks for a missing one again
    DOCUMENT_RENDERED = "document_rendered"  # a document that was missing is made after all


class DocumentKind(StrEnum):
    """Here, not in mouflow.documents, so the MoU state can name what it owes without importing the renderer."""

    DRAFT = "draft"
    PARTNER_COPY = "partner_copy"
    EXECUTED = "executed"
    CEREMONY_PROGRAMME = "ceremony_programme"
    PROGRESS_REPORT = "progress_report"
