# ruff: noqa: E501  (a catalogue: one sentence and its translation a line)
"""A refusal in the page's language: the rule's stable template, translated, with its values filled in.

The workflow's refusals travel with their English template and values (mouflow.errors); the API
answers the English message, and a page shows the same refusal in its own words: the template and the
values that are words (what was being done, stages) are messages of the interface's catalogues
(mouflow/translations.py). A template without a translation falls back to the English message, never to a
broken sentence.

A refusal that breaks no rule (a form from another site, a held sign-in, a service that cannot answer) has
fixed English words, which are catalogue messages too (ops.catalogues finds them in api/). A Chinese page says
one whose words the catalogues have not got (words with values in them, a page not found) by its status,
rather than in English.
"""

import re
from string import Formatter

from api.problems import Problem
from mouflow.chinese import to_mainland_simplified
from mouflow.translations import Translator


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


# input the request models refuse (422, `body.reason: ...`): no rule's template, but the model's own words,
# which a Chinese page shows in Chinese, after the same field names (pydantic's messages, as FastAPI answers)
ZH_HANT_INPUT: dict[str, str] = {
    r"String should have at least (\d+) characters?": r"最少須有 \1 個字元",
    r"Field required": "必須填寫",
    r"String should match pattern '(.+)'": r"格式不符，須符合 \1",
    r"Input should be a valid integer.*": "須為整數",
    r"Input should be a valid date.*": "須為有效日期（YYYY-MM-DD）",
    r"Input should be greater than or equal to (\S+)": r"須大於或等於 \1",
    r"Input should be less than or equal to (\S+)": r"須小於或等於 \1",
    r"Value error, give either due_date or offset_months and/or offset_days": "須填寫到期日，或生效日期後的月數及／或日數（兩者擇一）",
}


# what a Chinese page says for a refusal whose own words it has not got; ops.catalogues lists them
REFUSED_BY_STATUS = {
    400: "the request was refused",
    401: "you are not signed in, or your token is not valid",
    403: "you may not do this",
    404: "there is nothing at this address, or nothing you may see",
    405: "this address does not answer that kind of request",
    409: "this clashes with what is there already; reload the page and try again",
    413: "what was sent is too large",
    415: "what was sent is in a form mouflow does not read",
    422: "something entered cannot be used; check it and try again",
    429: "too many attempts; wait a little and try again",
    502: "the workflow service answered with an error; try again shortly",
    503: "the service cannot answer just now; try again shortly",
}


def refusal_in(problem: Problem, translate: Translator) -> str:
    """The words a page shows for a refusal, in the page's language."""
    words = _translated(problem, translate)
    if words is not None:
        return words
    if not translate.chinese:
        return problem.message
    if problem.code == "invalid_input" and ": " in problem.message:  # `field: words`, as the models refuse
        chinese = _input_refusal_in_chinese(problem.message)
        return to_mainland_simplified(chinese) if translate.language == "zh-Hans" else chinese
    return translate(REFUSED_BY_STATUS.get(problem.status, REFUSED_BY_STATUS[400]))


def _translated(problem: Problem, translate: Translator) -> str | None:
    """The rule's template with its values, else the refusal's fixed words, in the catalogue's words."""
    if problem.template is not None and translate.has(problem.template):
        values = {name: _word(value, translate) for name, value in problem.values.items()}
        try:
            return translate(problem.template).format(**values)
        except (KeyError, IndexError, ValueError):  # values from an older release: said another way
            return None
    return translate(problem.message) if translate.has(problem.message) else None


def _word(value: object, translate: Translator) -> object:
    if not isinstance(value, str):
        return value
    if " or " in value:  # "drafting or in_review": each stage in words
        return "或".join(translate(part) for part in value.split(" or "))
    return translate(value) if translate.has(value) or "_" in value else value


def _input_refusal_in_chinese(message: str) -> str:
    """`body.reason: String should have ...; body.milestones.0.id: Field required`, each part's words in
    Chinese after its field; a part with words we do not know stays in English."""
    return "；".join(_input_part_in_chinese(part) for part in message.split("; "))


def _input_part_in_chinese(part: str) -> str:
    field, colon, words = part.partition(": ")
    for english, chinese in ZH_HANT_INPUT.items():
        if colon and re.fullmatch(english, words):
            return f"{field}：{re.sub(english, chinese, words)}"
    return part
