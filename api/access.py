"""Who may see what: a user sees the MoUs of their own party; Hong Kong agency managers see all of them.

An MoU a user may not see answers exactly like one that does not exist (404), so a partner cannot
learn which other agreements exist.
"""

from sqlalchemy.orm import Session

from mouflow.domain.enums import Role
from mouflow.errors import ForbiddenError, NotFoundError
from mouflow.store.access_tables import UserRow
from mouflow.store.mous import get_mou
from mouflow.store.parties import get_party
from mouflow.store.tables import MouRow


def sees_everything(session: Session, user: UserRow) -> bool:
    """Managers of an agency that owns MoUs audit all of them; a partner region's manager is a partner."""
    if user.role != Role.MANAGER.value:
        return False
    party = get_party(session=session, party_id=user.party_id)
    return party is not None and party.owns_mous


def list_scope(session: Session, user: UserRow) -> str | None:
    """The party a user's lists are limited to; None for one who sees every MoU."""
    return None if sees_everything(session, user) else user.party_id


def require_auditor(session: Session, user: UserRow) -> None:
    if not sees_everything(session, user):
        raise ForbiddenError(
            f"this needs a manager of a Hong Kong agency; you are a {user.role} of {user.party_id!r}, "
            "who sees only the MoUs that party is in"
        )


def visible_mou(*, session: Session, user: UserRow, mou_id: str) -> MouRow:
    row = get_mou(session=session, mou_id=mou_id)
    if row is None or not (user.party_id in row.party_ids or sees_everything(session, user)):
        raise NotFoundError(f"there is no MoU {mou_id!r}")
    return row


def has_role(user: UserRow, *roles: Role) -> bool:
    return user.role in {role.value for role in roles}


def require_role(user: UserRow, *roles: Role) -> None:
    if not has_role(user, *roles):
        allowed = " or ".join(role.value for role in roles)
        raise ForbiddenError(f"this needs the role {allowed}; you are a {user.role}")
