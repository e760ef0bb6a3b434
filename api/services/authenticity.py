"""Equal authenticity on submit: a text changed in one language only since the version last submitted for
review is confirmed by the officer who submits, before the workflow hears of it.

The check lives here, not in the workflow: the confirmation is the officer's word to the API, not part of
the MoU, so the `Submit` action (and the workflow's history) stays as it was.
"""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from api.access import has_role, visible_mou
from api.services.redlines import compare_versions
from mouflow.domain.enums import Role, Stage
from mouflow.errors import InvalidInput
from mouflow.redline.models import Language, OneLanguageChange, Part
from mouflow.store.access_tables import UserRow
from mouflow.store.reviews import last_submitted_version
from mouflow.store.tables import MouRow

CONFIRM_FIELD = "confirm_one_language"
UNCONFIRMED = (
    "since version {submitted}, the last submitted for review, version {version} changed in one language only "
    "({count}): {changes}; check that the other language says the same, and confirm it"
)
LANGUAGE_NAMES = {Language.EN: "English", Language.ZH: "Chinese"}


@dataclass(frozen=True)
class OneLanguagePending:
    """What the officer confirms: the redline's one-language changes from `from_version` to `to_version`."""

    mou_id: str
    from_version: int  # the version last submitted for review
    to_version: int  # the one being submitted
    changes: tuple[OneLanguageChange, ...]


def find_one_language_changes(
    *, session: Session, user: UserRow, mou_id: str, version: int
) -> OneLanguagePending | None:
    """What submitting `version` asks the user to confirm; None when nothing does (a first submission, a
    change made in both languages, or a submit the workflow will refuse for reasons of its own)."""
    row = visible_mou(session=session, user=user, mou_id=mou_id)
    return _pending_on(session=session, user=user, row=row, version=version)


def _pending_on(*, session: Session, user: UserRow, row: MouRow, version: int) -> OneLanguagePending | None:
    mou_id = row.id
    if not _may_submit(row, user, version):
        return None
    submitted = last_submitted_version(session=session, mou_id=mou_id)
    if submitted is None or submitted >= version:
        return None
    comparison = compare_versions(session=session, user=user, mou_id=mou_id, from_version=submitted, to_version=version)
    changes = comparison.redline.one_language_changes
    return OneLanguagePending(mou_id, submitted, version, changes) if changes else None


def require_one_language_confirmed(
    *, session: Session, user: UserRow, mou_id: str, version: int, confirmed: bool
) -> None:
    """Refuses (422, `confirm_one_language`) a submit with one-language changes that the user did not confirm."""
    if confirmed:
        return
    _refuse_unconfirmed(find_one_language_changes(session=session, user=user, mou_id=mou_id, version=version))


def require_confirmed_on(*, session: Session, user: UserRow, row: MouRow, version: int, confirmed: bool) -> None:
    """`require_one_language_confirmed` on the MoU's row the caller read already, with its access check."""
    if not confirmed:
        _refuse_unconfirmed(_pending_on(session=session, user=user, row=row, version=version))


def _refuse_unconfirmed(pending: OneLanguagePending | None) -> None:
    if pending is None:
        return
    raise InvalidInput(
        UNCONFIRMED,
        field=CONFIRM_FIELD,
        submitted=pending.from_version,
        version=pending.to_version,
        count=len(pending.changes),
        changes="; ".join(describe_change(change) for change in pending.changes),
    )


def describe_change(change: OneLanguageChange) -> str:
    """`clause 2 text, in English only`: what the refusal's message lists."""
    return f"{_part_name(change)}, in {LANGUAGE_NAMES[change.language]} only"


def _part_name(change: OneLanguageChange) -> str:
    number = change.new_number or change.old_number
    names = {
        Part.TITLE: "the title",
        Part.SCOPE_AREA: f"scope area {number}",
        Part.CLAUSE_HEADING: f"clause {number} heading",
        Part.CLAUSE_TEXT: f"clause {number} text",
        Part.MILESTONE_TITLE: f"milestone {change.milestone_id} title",
    }
    return names[change.part]


def _may_submit(row: MouRow, user: UserRow, version: int) -> bool:
    """Only a submit the workflow could accept asks for the confirmation: any other is refused there, in its
    own words (wrong stage, a stale version, not the owner's officer), and a resent submit, already in review,
    is answered from its Idempotency-Key as before."""
    is_owner_officer = user.party_id == row.owner_party_id and has_role(user, Role.OFFICER)
    return is_owner_officer and row.stage == Stage.DRAFTING.value and version == row.current_version
