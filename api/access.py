"""Who may see what: a user sees the MoUs of their own party; managers see all of them.

An MoU a user may not see answers exactly like one that does not exist (404), so a partner cannot
learn which other agreements exist.
"""

from sqlalchemy.orm import Session

from api.errors import ForbiddenError, NotFoundError
from mouflow.domain.enums import Role
from mouflow.store.access_tables import UserRow
from mouflow.store.mous import get_mou
from mouflow.store.tables import MouRow


def sees_everything(user: UserRow) -> bool:
    return user.role == Role.MANAGER.value


def visible_mou(*, session: Session, user: UserRow, mou_id: str) -> MouRow:
    row = get_mou(session=session, mou_id=mou_id)
    if row is None or not (sees_everything(user) or user.party_id in row.party_ids):
        raise NotFoundError(f"there is no MoU {mou_id!r}")
    return row


def require_role(user: UserRow, *roles: Role) -> None:
    if user.role not in {role.value for role in roles}:
        allowed = " or ".join(role.value for role in roles)
        raise ForbiddenError(f"this needs the role {allowed}; you are a {user.role}")
