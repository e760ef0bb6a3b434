"""The symposium MoU's content (mouflow.demo) and clauses of its kind to revise it with."""

from typing import Any

from mouflow.demo import QIANHAI, symposium_mou
from mouflow.domain.content import Bilingual, BilingualText, Clause, DraftContent

SYMPOSIUM = symposium_mou(QIANHAI, "hkte-qianhai-2025").content
PURPOSE, JOINT_ACTIVITIES = SYMPOSIUM.clauses


def clause(heading_en: str, heading_zh: str, en: str, zh: str) -> Clause:
    return Clause(heading=Bilingual(en=heading_en, zh=heading_zh), text=BilingualText(en=en, zh=zh))


SERVICES = clause(
    "Talent services",
    "人才服務",
    "The partner provides one-stop services to Hong Kong talent working in its district.",
    "合作方為在其區內工作的香港人才提供一站式服務。",
)
INTERNSHIPS = clause(
    "Internships",
    "實習",
    "Each party offers internships in its public bodies to students of the other region.",
    "各方於其公營機構為對方地區的學生提供實習機會。",
)
REVIEW = clause(
    "Review",
    "檢討",
    "The parties review this memorandum every twelve months and record what was achieved.",
    "雙方每十二個月檢討本備忘錄一次，並記錄成果。",
)
FIVE = [PURPOSE, JOINT_ACTIVITIES, SERVICES, INTERNSHIPS, REVIEW]


def draft(**update: Any) -> DraftContent:
    """The symposium content with some fields replaced; the clauses given by default are FIVE."""
    return SYMPOSIUM.model_copy(update={"clauses": FIVE, **update})


def revised(old: Clause, en: tuple[str, str] | None = None, zh: tuple[str, str] | None = None) -> Clause:
    """`old` with one phrase replaced in its English text, its Chinese text, or both."""
    text = old.text
    if en:
        text = text.model_copy(update={"en": text.en.replace(*en)})
    if zh:
        text = text.model_copy(update={"zh": text.zh.replace(*zh)})
    assert text != old.text, "the phrase to replace is not in the clause"
    return old.model_copy(update={"text": text})
