"""Why an action on an MoU was refused.

RuleViolation            the action breaks a rule; nothing was changed
├── Forbidden            this user, party or role may not do it
├── NotFound             it names something the MoU does not have
├── WrongStage           the MoU is not in a stage that allows it
├── StaleVersion         it refers to a draft version that is no longer current
├── AlreadyDone          it was done already (a second signature, a second review)
└── InvalidInput         the input itself is inconsistent
"""


class RuleViolation(Exception):
    code = "rule_violation"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
