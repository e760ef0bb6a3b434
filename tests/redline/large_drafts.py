"""Drafts at the content limits (200 clauses of 20,000 characters in each language) and their revisions.

The text is made up but shaped like an MoU's: sentences of common words and each clause's own terms, in
English, and in Chinese characters drawn with the same skew. Seeded, so every run measures the same.
"""

import random
from collections.abc import Callable
from itertools import accumulate

from mouflow.demo import QIANHAI, symposium_mou
from mouflow.domain.content import Bilingual, BilingualText, Clause, DraftContent

CLAUSES = 200
CHARACTERS = 20_000
COMMON_WORDS = (
    "the parties shall and of to in a for with on by each party agreement memorandum talent cooperation "
    "recruitment services employment development region information exchange joint activities may under this "
    "within days notice writing other provide support programme events policy Hong Kong Qianhai Nansha"
).split()
# the 2,000 most used characters would do; a stretch of the CJK block, drawn with a skew, is as varied
CHINESE = [chr(0x4E00 + 7 * k) for k in range(2_000)]
PUNCTUATION = "，、；"


def large_draft(seed: int = 2025) -> DraftContent:
    rng = random.Random(seed)
    content = symposium_mou(QIANHAI, "hkte-qianhai-2025").content
    return content.model_copy(update={"clauses": [clause(rng, n) for n in range(CLAUSES)]})


def clause(rng: random.Random, n: int) -> Clause:
    return Clause(
        heading=Bilingual(en=f"Article {n + 1}: {' '.join(rng.sample(COMMON_WORDS, 3))}", zh=f"第{n + 1}條"),
        text=BilingualText(en=english(rng, CHARACTERS), zh=chinese(rng, CHARACTERS)),
    )


def english(rng: random.Random, size: int) -> str:
    own = [f"{rng.choice('bcdfgklmnprst')}{rng.choice('aeiou')}{rng.randrange(10**4)}" for _ in range(300)]
    vocabulary = COMMON_WORDS + own
    words = rng.choices(vocabulary, cum_weights=_skewed(len(vocabulary), 1.0), k=size // 4)
    for at in range(0, len(words), 20):  # a sentence of about 20 words
        words[at] = words[at].capitalize()
        words[at - 1] += "."
    return " ".join(words)[:size].strip()


def chinese(rng: random.Random, size: int) -> str:
    characters = rng.choices(CHINESE, cum_weights=_skewed(len(CHINESE), 0.8), k=size)
    for at in range(0, size, 36):  # a sentence of about 36 characters, a phrase of 12
        characters[min(at + 12, size - 1)] = rng.choice(PUNCTUATION)
        characters[at - 1] = "。"
    return "".join(characters)


def _skewed(count: int, power: float) -> list[float]:
    """Cumulative weights of a Zipf-like draw: the first choices far more often than the last."""
    return list(accumulate(1 / (rank + 1) ** power for rank in range(count)))


def edited(rng: random.Random, text: str, edits: int, separator: str) -> str:
    """`edits` words (or characters) replaced, inserted or deleted at random places."""
    units = text.split(" ") if separator else list(text)
    for _ in range(edits):
        at = rng.randrange(len(units))
        units[at : at + 1] = rng.choice([[], [units[at], "revised"], ["amended"]] if separator else [[], ["修"]])
    return separator.join(units)[:CHARACTERS].strip()


def revised_clause(rng: random.Random, old: Clause, edits: int = 5, english_only: bool = False) -> Clause:
    en = edited(rng, old.text.en, edits, " ")
    zh = old.text.zh if english_only else edited(rng, old.text.zh, edits, "")
    return old.model_copy(update={"text": BilingualText(en=en, zh=zh)})


Revision = Callable[[random.Random, list[Clause]], list[Clause]]


def typical_revision(rng: random.Random, clauses: list[Clause]) -> list[Clause]:
    """Clauses 6, 16, ..., 196 revised in place and clause 3 in English only; 91, 121 and 151 moved to the
    front, after a new clause; 31 and 61 revised and moved after 111; 51 and 101 removed; one added at the end
    (numbers as a reader counts, from 1)."""
    kept = {n: revised_clause(rng, old) if n % 10 == 5 else old for n, old in enumerate(clauses)}
    kept[2] = revised_clause(rng, clauses[2], english_only=True)
    moved = [kept.pop(n) for n in (90, 120, 150)]
    moved_and_revised = [revised_clause(rng, kept.pop(n)) for n in (30, 60)]
    del kept[50], kept[100]
    before, after = [c for n, c in kept.items() if n <= 110], [c for n, c in kept.items() if n > 110]
    return [clause(rng, 1000), *moved, *before, *moved_and_revised, *after, clause(rng, 1001)]


def revised_throughout(rng: random.Random, clauses: list[Clause]) -> list[Clause]:
    """Every clause revised in both languages, as a term renamed throughout would: no clause stays exact."""
    return [revised_clause(rng, old, edits=3) for old in clauses]


def rewritten_throughout(rng: random.Random, clauses: list[Clause]) -> list[Clause]:
    """Every clause a quarter rewritten in both languages: no clause exact, every one a diff of its own."""
    return [revised_clause(rng, old, edits=1_000) for old in clauses]


def rewritten(rng: random.Random, clauses: list[Clause]) -> list[Clause]:
    """Another MoU altogether, just as long: nothing to match."""
    return [clause(rng, 2000 + n) for n in range(len(clauses))]


def revision(old: DraftContent, how: Revision, seed: int = 7) -> DraftContent:
    return old.model_copy(update={"clauses": how(random.Random(seed), list(old.clauses))})
