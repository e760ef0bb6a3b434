"""Who hears of a notification: which parties, and which roles of their users. A plain rule, no I/O.

A party in the audience gets the e-mail at its users of those roles, and the notification at each
of its webhooks that wants the type (a webhook belongs to the party, not to a role).
"""

from pydantic import BaseModel

from mouflow.domain.enums import Role
from mouflow.notify.events import NotificationPayload, NotificationType

EVERY_ROLE = tuple(Role)


class Audience(BaseModel):
    party_id: str
    roles: tuple[Role, ...]


def audience_of(payload: NotificationPayload) -> list[Audience]:
    """Never a party outside the MoU, whatever the event names; each party once, in the MoU's order."""
    found = _chosen(payload)
    return [Audience(party_id=party, roles=found[party]) for party in payload.mou.party_ids if party in found]


def _chosen(payload: NotificationPayload) -> dict[str, tuple[Role, ...]]:
    mou, kind = payload.mou, payload.type
    if kind is NotificationType.REVIEW_REMINDER:  # those who can still review, and only they
        return dict.fromkeys(mou.awaiting_review, (Role.OFFICER,))
    if kind is NotificationType.REVIEW_ESCALATED:  # whoever can chase the late parties, and answer for them
        return dict.fromkeys([mou.owner_party_id, *mou.awaiting_review], (Role.MANAGER,))
    if kind is NotificationType.MILESTONE_DUE_SOON and payload.event.party_id:  # the party that owes it
        return {payload.event.party_id: EVERY_ROLE}
    return dict.fromkeys(mou.party_ids, EVERY_ROLE)  # everyone told
