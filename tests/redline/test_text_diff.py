"""One text against its revision: word by word in English, character by character in Chinese."""

from hypothesis import given
from hypothesis import strategies as st

from mouflow.redline.models import Op
from mouflow.redline.text_diff import diff_text, new_text, old_text
from tests.redline.segments import short


def test_english_words_inserted_at_the_end() -> None:
    assert short(diff_text("talent recruitment", "talent recruitment and services")) == [
        ("=", "talent recruitment"),
        ("+", " and services"),
    ]


def test_english_words_deleted_from_the_middle() -> None:
    old = "The parties hold joint recruitment events and exchange information on talent policies."
    new = "The parties hold joint events and exchange information on talent policies."
    assert short(diff_text(old, new)) == [
        ("=", "The parties hold joint "),
        ("-", "recruitment "),
        ("=", "events and exchange information on talent policies."),
    ]


def test_a_changed_english_word_is_replaced_whole() -> None:
    assert short(diff_text("joint recruitment events", "joint recruiting events")) == [
        ("=", "joint "),
        ("-", "recruitment"),
        ("+", "recruiting"),
        ("=", " events"),
    ]


def test_chinese_characters_inserted() -> None:
    assert short(diff_text("人才", "人才服務")) == [("=", "人才"), ("+", "服務")]


def test_chinese_characters_replaced_one_by_one() -> None:
    assert short(diff_text("雙方舉辦聯合招聘活動", "雙方舉辦聯合培訓活動")) == [
        ("=", "雙方舉辦聯合"),
        ("-", "招聘"),
        ("+", "培訓"),
        ("=", "活動"),
    ]


def test_a_number_inside_chinese_is_replaced_whole() -> None:
    assert short(diff_text("於2025年簽署", "於2026年簽署")) == [
        ("=", "於"),
        ("-", "2025"),
        ("+", "2026"),
        ("=", "年簽署"),
    ]


def test_a_space_between_two_replaced_words_joins_them_into_one_change() -> None:
    assert short(diff_text("The quick brown fox", "The slow red fox")) == [
        ("=", "The "),
        ("-", "quick brown"),
        ("+", "slow red"),
        ("=", " fox"),
    ]


def test_a_word_kept_between_two_changes_stays_equal() -> None:
    assert short(diff_text("a cat sat", "the cat ran")) == [
        ("-", "a"),
        ("+", "the"),
        ("=", " cat "),
        ("-", "sat"),
        ("+", "ran"),
    ]


def test_a_sentence_moved_within_a_text_is_deleted_and_inserted() -> None:
    old = "We meet. Then we agree on the terms. We sign."
    new = "Then we agree on the terms. We meet. We sign."
    assert short(diff_text(old, new)) == [
        ("-", "We meet. "),
        ("=", "Then we agree on the terms. "),
        ("+", "We meet. "),
        ("=", "We sign."),
    ]


def test_two_sentences_as_long_as_each_other_swapped_read_as_one_change() -> None:
    """Shared text no longer than the changes on either side is drawn as part of them."""
    assert short(diff_text("We meet. We part. We sign.", "We part. We meet. We sign.")) == [
        ("-", "We meet. We part. "),
        ("+", "We part. We meet. "),
        ("=", "We sign."),
    ]


def test_the_same_text_is_one_equal_segment_and_nothing_is_none() -> None:
    assert short(diff_text("人才服務", "人才服務")) == [("=", "人才服務")]
    assert short(diff_text("", "")) == []
    assert short(diff_text("", "新增")) == [("+", "新增")]
    assert short(diff_text("刪除", "")) == [("-", "刪除")]


# English and Chinese words, spaces, punctuation and digits: few enough that two texts share a lot
PIECES = ["talent", "recruitment", "and", " ", "  ", ",", ".", "。", "、", "人", "才", "服", "務", "2025", "HKTE", "\n"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@st.composite
def revisions(draw: st.DrawFn) -> tuple[str, str]:
    """A text and its revision: pieces replaced, inserted or deleted, or another text altogether."""
    old = draw(st.lists(st.sampled_from(PIECES), max_size=40))
    new = list(old)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(new)))
        new[at : at + draw(st.integers(0, 3))] = draw(st.lists(st.sampled_from(PIECES), max_size=3))
    return "".join(old), "".join(new)


@given(st.one_of(revisions(), st.tuples(texts, texts), st.tuples(st.text(), st.text())))
def test_segments_rejoin_to_exactly_the_old_and_the_new_text(texts: tuple[str, str]) -> None:
    old, new = texts
    segments = diff_text(old, new)
    assert old_text(segments) == old
    assert new_text(segments) == new


@given(revisions())
def test_segments_are_never_empty_and_never_two_of_a_kind_in_a_row(texts: tuple[str, str]) -> None:
    segments = diff_text(*texts)
    assert all(segment.text for segment in segments)
    assert all(a.op is not b.op for a, b in zip(segments, segments[1:], strict=False))
    # a change reads as what was deleted, then what replaced it
    assert all((a.op, b.op) != (Op.INSERT, Op.DELETE) for a, b in zip(segments, segments[1:], strict=False))
