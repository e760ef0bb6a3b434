"""Tokens: words for English, characters for Chinese, and the text back exactly when they are joined."""

from mouflow.redline.tokens import sentences, tokens


def test_english_is_split_into_words_spaces_and_punctuation() -> None:
    assert (
        "|".join(tokens("talent recruitment, services  and HKTE's"))
        == "talent| |recruitment|,| |services|  |and| |HKTE|'|s"
    )


def test_chinese_is_split_into_characters() -> None:
    assert tokens("人才招聘、服務。") == ["人", "才", "招", "聘", "、", "服", "務", "。"]


def test_latin_letters_and_digits_inside_chinese_stay_one_token() -> None:
    assert tokens("於2025年與HKTE簽署") == ["於", "2025", "年", "與", "HKTE", "簽", "署"]


def test_sentences_end_after_their_mark_and_the_spaces_after_it() -> None:
    assert sentences("One. Two; three\nfour") == ["One. ", "Two; ", "three\n", "four"]
    assert sentences("雙方合作。交流資訊；") == ["雙方合作。", "交流資訊；"]
    assert sentences("") == []
