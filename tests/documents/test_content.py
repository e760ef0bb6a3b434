"""What a reader finds in each document, read back from the PDF with pypdf."""

from mouflow.documents.canonical import agreed_text_fingerprint
from mouflow.documents.models import DocumentKind
from tests.documents.builders import EXECUTED, renewed, request
from tests.documents.conftest import page_texts, squeezed, text_of
from tests.documents.rendered import pdf, render

TITLE_EN = "Memorandum of Understanding on Talent Cooperation between Hong Kong Talent Engage"
QIANHAI_TITLE_ZH = "香港人才服務辦公室與深圳前海合作區人才合作諒解備忘錄"
PARTIES = ["Hong Kong Talent Engage", "香港人才服務辦公室", "Shenzhen Qianhai Cooperation Zone", "深圳前海合作區"]


def assert_bilingual_mou(pdf_bytes: bytes) -> None:
    text = text_of(pdf_bytes)
    assert TITLE_EN in text
    for expected in [QIANHAI_TITLE_ZH, *PARTIES]:
        assert squeezed(expected) in squeezed(text), expected


def test_draft_is_bilingual_and_marked_draft_with_its_version_on_every_page() -> None:
    assert_bilingual_mou(pdf("draft"))
    pages = page_texts(pdf("draft"))
    assert len(pages) >= 2
    for page in pages:
        assert "DRAFT · Version 1" in page and "草擬本" in page
    assert "The parties hold joint recruitment events" in text_of(pdf("draft"))
    assert squeezed("雙方舉辦聯合招聘活動") in squeezed(text_of(pdf("draft")))


def test_partner_copy_is_in_simplified_chinese() -> None:
    text = squeezed(text_of(pdf("partner_copy")))
    for simplified in ["香港人才服务办公室与广州南沙区人才合作谅解备忘录", "广州南沙区", "谅解备忘录", "人才服务"]:
        assert simplified in text, simplified
    for traditional in ["諒解備忘錄", "廣州南沙區", "服務"]:
        assert traditional not in text, traditional


def test_executed_mou_has_signatories_ceremony_and_fingerprint() -> None:
    assert_bilingual_mou(pdf("executed"))
    text = text_of(pdf("executed"))
    for expected in ["Anthony Lau", "Director, Hong Kong Talent Engage", "Qianhai representative"]:
        assert expected in text, expected
    for expected in ["劉焱", "香港人才服務辦公室總監", "前海代表", "勞工及福利局局長孫玉菡", "香港會議展覽中心"]:
        assert squeezed(expected) in squeezed(text), expected
    assert "Chris Sun, Secretary for Labour and Welfare" in text
    # in the ceremony's zone; signatures are taken from its start, the builders' T0
    assert squeezed("Date and time: 1 May 2025, 10:00 (Asia/Hong_Kong, UTC+08:00)") in squeezed(text)
    assert agreed_text_fingerprint(EXECUTED) in squeezed(text)
    assert "It identifies the agreed text, not this PDF file." in text


def test_ceremony_programme_is_one_page() -> None:
    pages = page_texts(pdf("ceremony_programme"))
    assert len(pages) == 1
    assert "Signing Ceremony" in pages[0] and "Order of proceedings" in pages[0]
    assert squeezed("勞工及福利局局長孫玉菡見證") in squeezed(pages[0])


def test_progress_report_covers_every_milestone_of_each_mou() -> None:
    text = text_of(pdf("progress_report"))
    for expected in ["Joint recruitment fair", "Talent services progress report", "Annual review", "Overdue", "Done"]:
        assert expected in text, expected
    assert "Held in Qianhai" in text  # the latest progress note
    assert squeezed("廣州南沙區") in squeezed(text)  # the second MoU's section
    assert "as of 17 November 2025" in text


def test_progress_report_keeps_the_milestones_of_past_terms() -> None:
    text = text_of(render(request(DocumentKind.PROGRESS_REPORT, renewed())))
    assert text.count("Joint recruitment fair") == 2 and "term 2" in text
    assert "Held in Qianhai" in text  # term 1's fair, done
