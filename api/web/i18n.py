"""The page's language: the one the user picked, else the one they read, else their browser's. The words
themselves are mouflow.translations'."""

import re

from fastapi import Request

from mouflow.translations import LANGUAGES

LANGUAGE_COOKIE = "mouflow_lang"
# browsers ask for Simplified by script or by a region that writes it: zh-Hans, zh-CN, zh-SG, zh-MY
SIMPLIFIED_TAG = re.compile(r"^zh-(hans|cn|sg|my)\b")
WEIGHTED_TAG = re.compile(r"^\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)\s*(?:;\s*q\s*=\s*([01](?:\.\d{0,3})?))?\s*$")


def language_of(request: Request) -> str:
    """The language the user picked on a page, else the one they or their party read (mouflow.domain.reading),
    else the first one their browser asks for that we have."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    preferred = getattr(request.state, "reads", None)
    if preferred in LANGUAGES:
        return str(preferred)
    return negotiated(request.headers.get("accept-language", ""))


def negotiated(accept_language: str) -> str:
    """The language of the first tag, by weight, that we have; Chinese in Traditional unless the tag asks for
    Simplified (a Hong Kong or Taiwan browser, or a bare `zh`); English when nothing matches."""
    weighted = []
    for position, part in enumerate(accept_language.split(",")[:20]):
        match = WEIGHTED_TAG.match(part)
        if match:
            weight = float(match[2]) if match[2] else 1.0
            weighted.append((-weight, position, match[1].lower()))
    for _, _, tag in sorted(weighted):
        if tag == "zh" or tag.startswith("zh-"):
            return "zh-Hans" if SIMPLIFIED_TAG.match(tag) else "zh-Hant"
        if tag == "en" or tag.startswith("en-"):
            return "en"
    return "en"
