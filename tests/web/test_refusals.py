"""Refusals in the page's language: every rule's template has its words in both Chinese catalogues, with the
same values."""

import ast
from pathlib import Path

import pytest

from api.problems import Problem, problem_of
from api.web.refusals import placeholders, refusal_in
from mouflow.demo import QIANHAI, officer
from mouflow.domain import drafting
from mouflow.domain.actions import Reopen
from mouflow.domain.state import MouState
from mouflow.errors import RuleViolation
from mouflow.translations import CATALOGUE_LOCALES, Translator, translations_of
from tests.domain.builders import drafted, ready_to_sign
from tests.web.helpers import Site, users_fixture, web_fixture  # noqa: F401  the fixtures

DOMAIN = Path(__file__).parents[2] / "mouflow" / "domain"
VIOLATIONS = {"RuleViolation", "Forbidden", "NotFound", "WrongStage", "StaleVersion", "AlreadyDone", "InvalidInput"}


def _calls(name_of: set[str]) -> list[ast.Call]:
    calls = []
    for source in DOMAIN.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in name_of and node.args:
                calls.append(node)
    return calls


def raised_templates() -> set[str]:
    """Every refusal the domain can raise, read off its source."""
    found = {c.args[0].value for c in _calls(VIOLATIONS) if isinstance(c.args[0], ast.Constant)}
    assert len(found) > 40
    return found


@pytest.mark.parametrize("language", sorted(CATALOGUE_LOCALES))
def test_every_refusal_the_domain_raises_has_chinese_words_with_the_same_values(language: str) -> None:
    words = translations_of(language)
    for template in raised_templates():
        assert template in words, f"no {language} words for {template!r}"
        assert placeholders(words[template]) == placeholders(template), template


@pytest.mark.parametrize("language", sorted(CATALOGUE_LOCALES))
def test_every_thing_a_stage_rule_names_has_chinese_words(language: str) -> None:
    doing = {c.args[2].value for c in _calls({"require_stage"}) if isinstance(c.args[2], ast.Constant)}
    assert doing and doing <= set(translations_of(language))


def refused(state: MouState, action: Reopen) -> RuleViolation:
    try:
        drafting.check_reopen(state, action)
    except RuleViolation as violation:
        return violation
    raise AssertionError("not refused")


def test_a_refusal_reads_in_chinese_with_its_values_and_in_english_as_the_api_says() -> None:
    violation = refused(ready_to_sign(), Reopen(actor=officer(QIANHAI), reason="x"))
    problem = problem_of(violation)
    assert refusal_in(problem, Translator("zh-Hant")) == "只有主辦方 'hkte' 的負責人員可以執行此操作"
    assert refusal_in(problem, Translator("en")) == violation.message


def test_stage_names_and_what_was_being_done_are_translated_too() -> None:
    problem = problem_of(refused(drafted(), Reopen(actor=officer(drafted().owner), reason="x")))
    words = refusal_in(problem, Translator("zh-Hant"))
    assert words == "備忘錄目前為「草擬中」，不可重新開放已批准的版本；須為「待簽署」", words


async def test_a_chinese_page_shows_a_refused_form_in_chinese(web: Site) -> None:
    await web.start("hkte-qianhai-2025")
    qianhai = await web.signed_in("qianhai", headers={"Accept-Language": "zh-HK"})
    page = await qianhai.get("/web/mous/hkte-qianhai-2025")
    refused_page = await qianhai.post(page.forms["form-review"], {"decision": "request_changes", "comment": " "})
    assert refused_page.status == 422
    assert refused_page.text("error") == "要求修改時須附意見，說明要修改甚麼"


def test_input_the_request_models_refuse_reads_in_chinese_after_its_field() -> None:
    problem = Problem(422, "invalid_input", "body.reason: String should have at least 1 character; body.x: Odd")
    assert refusal_in(problem, Translator("zh-Hant")) == "body.reason：最少須有 1 個字元；body.x: Odd"
    assert refusal_in(problem, Translator("zh-Hans")) == "body.reason：最少须有 1 个字符；body.x: Odd"


def test_a_refusal_reads_in_simplified_chinese_for_a_mainland_reader() -> None:
    problem = problem_of(refused(drafted(), Reopen(actor=officer(drafted().owner), reason="x")))
    words = refusal_in(problem, Translator("zh-Hans"))
    assert words == "备忘录目前为“草拟中”，不可重新开放已批准的版本；须为“待签署”", words
    assert refusal_in(problem, Translator("en")) == problem.message
    due = "body.milestones.0: Value error, give either due_date or offset_months and/or offset_days"
    assert "兩者擇一" in refusal_in(Problem(422, "invalid_input", due), Translator("zh-Hant"))


async def test_a_chinese_page_shows_an_empty_reason_refused_in_chinese_next_to_it(web: Site) -> None:
    """The request model refuses it, before any rule: its words, in Chinese."""
    await web.start("hkte-qianhai-2025")
    hkte = await web.signed_in("hkte", headers={"Accept-Language": "zh-HK"})
    page = await hkte.get("/web/mous/hkte-qianhai-2025")
    refused_page = await hkte.post(page.forms["form-withdraw"], {"reason": ""})
    assert refused_page.status == 422
    assert refused_page.text("error-withdraw-reason") == "body.reason：最少須有 1 個字元"
