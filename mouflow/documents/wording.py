"""How the documents speak of the parties together: the words follow their number, in both languages.

Two-party instruments say "both Parties" and 雙方; trilateral ones "the three Parties" and 三方; beyond
three, treaty texts say "all the Parties" and 各方 rather than counting.
"""

Words = dict[str, str]

_BY_COUNT = {
    2: {"en": "both parties", "zh": "雙方"},
    3: {"en": "the three parties", "zh": "三方"},
}
_MANY = {"en": "all the parties", "zh": "各方"}


def parties_together(count: int) -> Words:
    """The parties as one subject: "In witness whereof {en} have signed" / "{zh}已簽署"."""
    if count < 2:
        raise ValueError(f"an MoU has at least two parties, not {count}")
    return dict(_BY_COUNT.get(count, _MANY))


def names_joined(names: list[Words]) -> Words:
    """ "A, B and C" and 「A、B與C」: a list of bilingual names as one phrase in each language."""
    return {
        "en": _joined([name["en"] for name in names], ", ", " and "),
        "zh": _joined([n["zh"] for n in names], "、", "與"),
    }


def _joined(items: list[str], separator: str, last: str) -> str:
    return last.join([separator.join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)
