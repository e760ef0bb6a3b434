"""Why an action on an MoU was refused.

RuleViolation            the action breaks a rule; nothing was changed
├── Forbidden            this user, party or role may not do it
├── NotFound             it names something the MoU does not have
├── WrongStage           the MoU is not in a stage that allows it
├── StaleVersion         it refers to a draft version that is no longer current
├── AlreadyDone          it was done already (a second signature, a second review)
└── InvalidInput         the input itself is inconsistent (`field` names the input at fault)

A violation keeps its English template and the values apart, so that a page can show the words of its
own language with the same values filled in; `code` and the template are stable, and `message` is the
English text the API answers.
"""

from datetime import date, datetime

Value = str | int


def _plain(value: object) -> Value:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return value.isoformat() if isinstance(value, date | datetime) else str(value)
    return value


class RuleViolation(Exception):
    code = "rule_violation"

    def __init__(self, template: str, *, field: str | None = None, **values: object) -> None:
        self.template = template
        self.values = {name: _plain(value) for name, value in values.items()}
        self.field = field
        self.message = template.format(**self.values)
        super().__init__(self.message)

    def details(self) -> dict[str, object]:
        """What travels with the refusal through Temporal, for the API and the pages."""
        return {"template": self.template, "values": self.values, "field": self.field}


class Forbidden(RuleViolation):
    code = "forbidden"


class NotFound(RuleViolation):
    code = "not_found"


class WrongStage(RuleViolation):
    code = "wrong_stage"


class StaleVersion(RuleViolation):
    code = "stale_version"


class AlreadyDone(RuleViolation):
    code = "already_done"


class InvalidInput(RuleViolation):
    code = "invalid_input"
