"""Every refusal mouflow makes, in one tree. Nothing was changed when one of these is raised.

    MouflowError                 bad_request      a refusal; its branch says which kind, `code` names it for clients
    ├── UnauthorizedError        unauthorized     no credentials, or ones that are not valid
    ├── ForbiddenError           forbidden        this user, party or role may not do it
    │   ├── Forbidden ʳ          forbidden
    │   └── CsrfError            csrf             (api/web/auth.py) a form that did not come from our own pages
    ├── NotFoundError            not_found        unknown, or not visible to this user (the same answer for both)
    │   ├── NotFound ʳ           not_found        it names something the MoU does not have
    │   └── UnknownParty ˢ       not_found        the party named is not registered
    ├── ConflictError            conflict         it clashes with what is there already
    │   ├── WrongStage ʳ         wrong_stage      the MoU is not in a stage that allows it
    │   ├── StaleVersion ʳ       stale_version    it refers to a draft version that is no longer current
    │   ├── AlreadyDone ʳ        already_done     it was done already (a second signature, a second review)
    │   └── PartyExists ˢ        conflict         a party with this id is registered already
    ├── InvalidError             invalid_input    well-formed, but names nothing that exists, or does not hold together
    │   ├── InvalidInput ʳ       invalid_input    the input itself is inconsistent (`field` names the input at fault)
    │   ├── InvalidUser ˢ        invalid_input    the user's details are unusable (an empty name)
    │   ├── InvalidParty ˢ       invalid_input    the party's details are unusable (an unknown language)
    │   └── DocumentError        invalid_input    a document cannot be made as asked; retrying never helps
    │       └── NotAnExecutedCopy invalid_input   (mouflow.documents.embedded) a PDF with no agreed text in it
    ├── TooManyAttempts          too_many_attempts  too many failed sign-ins from one address: wait `retry_after` s
    └── UnavailableError         unavailable      Temporal, the database or the document store cannot serve it now

    ʳ also a RuleViolation: the action breaks an MoU rule (mouflow.domain); raised in the workflow's validators,
      it travels through Temporal as an ApplicationError whose type is its code (workflows/mou.py `_rule`)
    ˢ also a StoreError: a write the store refuses; nothing was written

The branch is the contract: api/problems.py answers each branch with one HTTP status, and a refused Update,
which arrives as a code, by the branch of the rule with that code. A RuleViolation keeps its English template
and values apart, so that a page can show the words of its own language with the same values filled in;
`code` and the template are stable, and `message` is the English text the API answers.
"""

from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType

Value = str | int


class MouflowError(Exception):
    code = "bad_request"
    # only a RuleViolation has them: words with {placeholders} for a page to translate, and the input at fault
    template: str | None = None
    values: Mapping[str, Value] = MappingProxyType({})
    field: str | None = None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnauthorizedError(MouflowError):
    code = "unauthorized"


class ForbiddenError(MouflowError):
    code = "forbidden"


class NotFoundError(MouflowError):
    code = "not_found"


class ConflictError(MouflowError):
    code = "conflict"


class InvalidError(MouflowError):
    code = "invalid_input"


class UnavailableError(MouflowError):
    code = "unavailable"


class TooManyAttempts(MouflowError):
    """Its template names {seconds}, so that a page says it in its own language (ops.catalogues finds it)."""

    code = "too_many_attempts"

    def __init__(self, template: str, *, retry_after: int) -> None:
        super().__init__(template.format(seconds=retry_after))
        self.template, self.values = template, MappingProxyType({"seconds": retry_after})
        self.retry_after = retry_after  # seconds, as the Retry-After header says them


def _plain(value: object) -> Value:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return value.isoformat() if isinstance(value, date | datetime) else str(value)
    return value


class RuleViolation(MouflowError):
    """The action breaks a rule of the MoU; each rule's class is also the branch it answers by."""

    def __init__(self, template: str, *, field: str | None = None, **values: object) -> None:
        self.template = template
        self.values = {name: _plain(value) for name, value in values.items()}
        self.field = field
        super().__init__(template.format(**self.values))

    def details(self) -> dict[str, object]:
        """What travels with the refusal through Temporal, for the API and the pages."""
        return {"template": self.template, "values": dict(self.values), "field": self.field}


class Forbidden(RuleViolation, ForbiddenError):
    code = "forbidden"


class NotFound(RuleViolation, NotFoundError):
    code = "not_found"


class WrongStage(RuleViolation, ConflictError):
    code = "wrong_stage"


class StaleVersion(RuleViolation, ConflictError):
    code = "stale_version"


class AlreadyDone(RuleViolation, ConflictError):
    code = "already_done"


class InvalidInput(RuleViolation, InvalidError):
    code = "invalid_input"


class StoreError(MouflowError):
    """A write the store refuses. It has no code of its own: a client hears its branch's."""


class PartyExists(StoreError, ConflictError):
    pass


class UnknownParty(StoreError, NotFoundError):
    pass


class InvalidUser(StoreError, InvalidError):
    pass


class InvalidParty(StoreError, InvalidError):
    pass


class DocumentError(InvalidError):
    """Why a document cannot be rendered. Retrying never helps, so the activity fails for good."""
