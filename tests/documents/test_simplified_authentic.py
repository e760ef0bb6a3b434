"""An MoU whose parties made Simplified Chinese an authentic text: its executed copy prints all three texts,
set in fonts that are embedded, and its partner copy is that text, not a conversion."""

import subprocess

from mouflow.documents.canonical import agreed_text_fingerprint, agreed_text_json
from mouflow.documents.models import DocumentKind
from mouflow.domain.state import MouState
from tests.documents.builders import nansha_executed, nansha_with_simplified, request
from tests.documents.conftest import squeezed
from tests.documents.rendered import pdf, render
from tests.documents.test_wording import pdftotext

ENGLISH = "The parties hold joint recruitment events and exchange information on talent policies."
TRADITIONAL = "雙方舉辦聯合招聘活動，並交流人才政策資訊。"
SIMPLIFIED = "双方举办联合招聘活动，并交流人才政策信息。"  # 資訊 → 信息: the Mainland's phrase, not 资讯


def pdffonts(pdf_bytes: bytes) -> list[dict[str, str]]:
    """Poppler's font table: name, then the emb, sub and uni columns, one row per font."""
    lines = subprocess.run(["pdffonts", "-"], input=pdf_bytes, capture_output=True, check=True).stdout.decode()
    rows = []
    for line in lines.splitlines()[2:]:
        name, *_, emb, sub, uni, _object, _generation = line.split()
        rows.append({"name": name, "emb": emb, "sub": sub, "uni": uni})
    return rows


def test_the_executed_copy_prints_the_english_traditional_and_simplified_texts() -> None:
    lines = pdftotext(render(request(DocumentKind.EXECUTED, nansha_with_simplified()))).splitlines()
    english = squeezed("".join(line for line in lines if line.isascii()))  # the English column, its lines rejoined
    assert squeezed(ENGLISH) in english
    chinese = squeezed("".join(lines))
    for written in (TRADITIONAL, SIMPLIFIED, "各文本具同等效力", "简体中文文本"):
        assert written in chinese, written


def test_the_simplified_chinese_font_is_embedded_and_subset() -> None:
    fonts = pdffonts(render(request(DocumentKind.EXECUTED, nansha_with_simplified())))
    simplified = [font for font in fonts if "CJKsc" in font["name"] or "CJK-SC" in font["name"].upper()]
    assert simplified, [font["name"] for font in fonts]
    for font in fonts:
        assert font["emb"] == "yes" and font["sub"] == "yes", font
        assert "+" in font["name"], font  # a subset's name carries its six-letter tag


def test_the_fingerprint_covers_the_simplified_text_and_no_other_fingerprint_moves() -> None:
    mou = nansha_with_simplified()
    assert SIMPLIFIED in agreed_text_json(mou).decode()
    assert agreed_text_fingerprint(_with_simplified_clause(mou, "双方举办联合招聘活动。")) != agreed_text_fingerprint(
        mou
    )
    assert b'"simplified"' not in agreed_text_json(nansha_executed())  # absent, not null: older prints verify


def _with_simplified_clause(mou: MouState, text: str) -> MouState:
    """The same MoU with its last clause's Simplified text changed, and nothing else."""
    changed = mou.model_copy(deep=True)
    last = changed.versions[-1]
    written = last.content.simplified
    assert written is not None
    clauses = [*written.clauses[:-1], written.clauses[-1].model_copy(update={"text": text})]
    content = last.content.model_copy(update={"simplified": written.model_copy(update={"clauses": clauses})})
    changed.versions[-1] = last.model_copy(update={"content": content})
    return changed


def test_the_partner_copy_is_the_authentic_simplified_text_where_there_is_one() -> None:
    text = squeezed(pdftotext(render(request(DocumentKind.PARTNER_COPY, nansha_with_simplified()))))
    assert SIMPLIFIED in text and "简体中文作准文本" in text
    assert "便利译本" not in text


def test_a_partner_copy_without_an_authentic_text_is_labelled_a_convenience_translation() -> None:
    text = squeezed(pdftotext(pdf("partner_copy")))
    assert "简体中文便利译本" in text and "并非作准文本" in text
    assert "作准文本，与" not in text
