"""A version that only adds or rewrites the Simplified Chinese text is a change a reviewer sees."""

from mouflow.demo import QIANHAI, symposium_mou
from mouflow.domain import simplified
from mouflow.domain.content import DraftContent
from mouflow.redline.compare import redline
from mouflow.redline.models import Op, SimplifiedStatus

BEFORE = symposium_mou(QIANHAI, "hkte-qianhai-2025").content
WITH_SIMPLIFIED = BEFORE.model_copy(update={"simplified": simplified.starting_text(BEFORE)})


def _rewritten(content: DraftContent, text: str) -> DraftContent:
    written = content.simplified
    assert written is not None
    clauses = [*written.clauses[:-1], written.clauses[-1].model_copy(update={"text": text})]
    return content.model_copy(update={"simplified": written.model_copy(update={"clauses": clauses})})


def test_adding_the_simplified_text_is_a_change() -> None:
    compared = redline(BEFORE, WITH_SIMPLIFIED)
    assert compared.changed and compared.summary.fields_changed == ("simplified",)
    assert compared.simplified is not None and compared.simplified.status is SimplifiedStatus.ADDED
    assert [segment.op for segment in compared.simplified.title] == [Op.INSERT]
    assert compared.summary.clauses_changed == 0  # the English and Traditional text stand as they were


def test_one_rewritten_clause_is_the_one_marked_changed() -> None:
    compared = redline(WITH_SIMPLIFIED, _rewritten(WITH_SIMPLIFIED, "双方举办联合招聘活动，并交流人才政策资料。"))
    assert compared.simplified is not None and compared.simplified.status is SimplifiedStatus.CHANGED
    first, last = compared.simplified.clauses
    assert not first.changed and last.changed
    assert [(segment.op, segment.text) for segment in last.text if segment.op is not Op.EQUAL] == [
        (Op.DELETE, "信息"),
        (Op.INSERT, "资料"),
    ]


def test_the_same_or_no_simplified_text_compares_as_nothing() -> None:
    assert redline(BEFORE, BEFORE).simplified is None
    assert redline(WITH_SIMPLIFIED, WITH_SIMPLIFIED).simplified is None
    removed = redline(WITH_SIMPLIFIED, BEFORE).simplified
    assert removed is not None and removed.status is SimplifiedStatus.REMOVED
