"""The key a draft form carries from the page that drew it: the Idempotency-Key of what the form sends, so a
double click or a resent form starts or saves once (as the MoU page's forms do, api/web/actions.py)."""

import re
import uuid

from fastapi import Request
from pydantic import BaseModel
from sqlalchemy.orm import Session

from api.idempotency import Idempotency
from mouflow.errors import InvalidError
from mouflow.store.idempotency import fingerprint
from mouflow.store.web_sessions import SignedIn

FORM_KEY = re.compile(r"^[0-9a-f]{32}$")  # what new_form_key makes: every page's forms carry one


def new_form_key() -> str:
    return uuid.uuid4().hex


def form_key(sent: str) -> str:
    if not FORM_KEY.match(sent):
        raise InvalidError("the form has no valid form_key; reload the page and try again")
    return sent


def page_idempotency(request: Request, session: Session, who: SignedIn, key: str, body: BaseModel) -> Idempotency:
    """The same form sent again is the same request; the same key with other text is refused as the API refuses it."""
    sent = fingerprint("POST", request.url.path, body.model_dump_json().encode())
    return Idempotency(session=session, user_id=who.user.id, key=form_key(key), request=sent)
