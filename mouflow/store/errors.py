"""Why the store refused a write. Nothing was written when one of these is raised.

StoreError               a write the store refuses
├── PartyExists          a party with this id is registered already
├── UnknownParty         the party named is not registered
└── InvalidUser          the user's details are unusable (an empty name)
"""


class StoreError(Exception):
    code = "store_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PartyExists(StoreError):
    code = "party_exists"


class UnknownParty(StoreError):
    code = "unknown_party"


class InvalidUser(StoreError):
    code = "invalid_user"
