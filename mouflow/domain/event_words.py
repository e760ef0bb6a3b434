"""What a person reads of an event, kept apart from its English `detail` so that a page can say it in its own
language: a message of the interface's catalogues (English, with %(name)s places) and the typed values that
fill it. The page writes moments and days in its language, translates codes, names parties, and shows what
a person typed as they typed it. `detail` stays the English sentence, for the audit log and the e-mails.

`words(...)` is the one way the rules write one, so that `python -m ops.catalogues` finds every message.
"""

from datetime import date, datetime

from pydantic import BaseModel

from mouflow.domain.content import Bilingual


class EventWords(BaseModel):
    message: str
    moments: dict[str, datetime] = {}
    days: dict[str, date] = {}
    codes: dict[str, str] = {}  # a decision, a status: words the catalogues translate too
    parties: dict[str, list[str]] = {}  # party ids, which a page shows by name
    names: dict[str, Bilingual] = {}  # a venue, a signatory: in the page's language where there is one
    texts: dict[str, str] = {}  # what a person typed, or a number


def words(
    message: str,
    *,
    moments: dict[str, datetime] | None = None,
    days: dict[str, date] | None = None,
    codes: dict[str, str] | None = None,
    parties: dict[str, list[str]] | None = None,
    names: dict[str, Bilingual] | None = None,
    texts: dict[str, str] | None = None,
) -> EventWords:
    return EventWords(
        message=message,
        moments=moments or {},
        days=days or {},
        codes=codes or {},
        parties=parties or {},
        names=names or {},
        texts=texts or {},
    )


def coded(code: str, typed: str = "") -> EventWords:
    """A decision, a status or a choice, which the catalogues translate, and what the person typed with it."""
    if not typed.strip():
        return words("%(code)s", codes={"code": code})
    return words("%(code)s: %(typed)s", codes={"code": code}, texts={"typed": typed})
