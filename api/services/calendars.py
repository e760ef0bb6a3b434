"""iCalendar: a subscribable feed per party, and one ceremony as a single file.

The feed URL carries its own token instead of a bearer token, because calendar apps subscribe to a
plain URL and send no Authorization header. Both read the SQL projection only, never Temporal.
"""

from dataclasses import dataclass

from pydantic import BaseModel
from sqlalchemy.orm import Session

from api.access import require_role, visible_mou
from mouflow.calendars import feed
from mouflow.domain.content import Bilingual
from mouflow.domain.enums import Role
from mouflow.domain.reading import reading_language
from mouflow.errors import NotFoundError
from mouflow.store.access_tables import UserRow
from mouflow.store.audit import append_action
from mouflow.store.calendar_entries import get_feed_mou, list_feed_mous
from mouflow.store.calendar_feeds import issue_feed_token, party_for_feed_token
from mouflow.store.users import to_actor

FEED_PATH = "/calendars/{token}.ics"  # the feed's route (api/routes/calendars.py)


class FeedLink(BaseModel):
    url: str  # subscribe to this in a calendar app; it holds the token, so share it as a password
    token: str  # shown once: only its SHA-256 is kept


@dataclass(frozen=True)
class CalendarFile:
    filename: str
    text: bytes


def issue_party_feed(*, session: Session, user: UserRow, party_id: str, request_id: str, public_base: str) -> FeedLink:
    """Issues the party's feed URL, or replaces it: the previous URL stops working at once."""
    if user.party_id != party_id:  # another party's feed is as hidden as its MoUs
        raise NotFoundError(f"there is no party {party_id!r} among yours")
    require_role(user, Role.OFFICER, Role.MANAGER)
    token = issue_feed_token(session=session, party_id=party_id, created_by=user.id)
    detail = f"calendar feed of {party_id} issued; any earlier feed URL no longer works"
    actor = to_actor(user)
    append_action(session=session, actor=actor, what="calendar_feed_issued", detail=detail, request_id=request_id)
    return FeedLink(url=public_base + FEED_PATH.format(token=token), token=token)


def read_party_feed(*, session: Session, token: str) -> bytes:
    """The party's signing ceremonies and milestone due dates. No user: the token is the key."""
    party = party_for_feed_token(session=session, token=token)
    if party is None:
        raise NotFoundError("there is no calendar feed at this address; it may have been replaced by a newer one")
    mous = list_feed_mous(session=session, party_id=party.id)
    name = Bilingual(en=party.name_en, zh=party.name_zh)
    return feed.party_feed(party_id=party.id, party_name=name, mous=mous, reads=reading_language(None, party.language))


def read_ceremony_file(*, session: Session, user: UserRow, mou_id: str) -> CalendarFile:
    """The signing ceremony as one event to import; "not found" until one is scheduled."""
    row = visible_mou(session=session, user=user, mou_id=mou_id)
    text = feed.ceremony_file(get_feed_mou(session=session, row=row))
    if text is None:
        raise NotFoundError(f"no signing ceremony is scheduled for the MoU {mou_id!r} yet")
    return CalendarFile(filename=f"{row.id}-ceremony.ics", text=text)  # MoU ids are letters, digits and hyphens
