# ruff: noqa: E501  (a catalogue: one sentence and its translation a line)
"""A refusal in the page's language: the rule's stable template, translated, with its values filled in.

The workflow's refusals travel with their English template and values (mouflow.errors); the API
answers the English message, and a page shows the same refusal in its own words: the template and the
values that are words (what was being done, stages) are messages of the interface's catalogues
(mouflow/translations.py). A template without a translation falls back to the English message, never to a
broken sentence.
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


def refusal_in(problem: Problem, translate: Translator) -> str:
    """The words a page shows for a refusal, in the page's language."""
    if translate.chinese and problem.template is None and problem.code == "invalid_input":
        chinese = _input_refusal_in_chinese(problem.message)
        return to_mainland_simplified(chinese) if translate.language == "zh-Hans" else chinese
    if problem.template is None or not translate.has(problem.template):
        return problem.message
    values = {name: _word(value, translate) for name, value in problem.values.items()}
    try:
        return translate(problem.template).format(**values)
    except (KeyError, IndexError, ValueError):  # values from an older release: the English words still hold
        return problem.message


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
