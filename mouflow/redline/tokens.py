"""Text split into the units a redline marks: words for English, characters for Chinese."""

import re

# CJK ideographs with their radicals, symbols and compatibility forms, kana and hangul: Chinese puts no
# spaces between words, so each character is a unit of its own
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
# a run of word characters that are not CJK (an English word, a number, "HKTE" inside Chinese), a run of
# whitespace, or any other single character (one CJK character, one punctuation mark)
_TOKEN = re.compile(rf"[^\W{_CJK}]+|\s+|.", re.DOTALL)


def tokens(text: str) -> list[str]:
    """English words, spaces and punctuation; Chinese characters. They rejoin to exactly the text."""
    return _TOKEN.findall(text)


# the end of a sentence, of a clause of one, or of a line, with the spaces after it: these marks are tokens of
# their own and the spaces run on to the next token, so a sentence never ends inside a word
_SENTENCE_END = re.compile(r"[.;!?。；！？\n]+\s*")


def sentences(text: str) -> list[str]:
    """Sentences (and lines) in the order they come; they rejoin to exactly the text."""
    ends = [match.end() for match in _SENTENCE_END.finditer(text)]
    cuts = [0, *ends, len(text)]
    return [text[start:end] for start, end in zip(cuts, cuts[1:], strict=False) if start < end]
