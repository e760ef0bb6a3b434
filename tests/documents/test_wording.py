"""How the documents name the parties together, and how a milestone's offset is written."""

import subprocess

import pytest

from mouflow.demo import HKTE, NANSHA, QIANHAI, SIGNATORIES
from mouflow.documents.context_parts import offset_after_effective_date
from mouflow.documents.models import DocumentKind
from mouflow.documents.wording import names_joined, parties_together
from tests.documents.builders import request, three_party_executed
from tests.documents.conftest import squeezed
from tests.documents.rendered import render


def pdftotext(pdf: bytes) -> str:
    """Poppler's reading of the PDF, a second opinion beside pypdf's."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_the_parties_together_follow_their_number() -> None:
    assert parties_together(2) == {"en": "both parties", "zh": "雙方"}
    assert parties_together(3) == {"en": "the three parties", "zh": "三方"}
    assert parties_together(4) == parties_together(12) == {"en": "all the parties", "zh": "各方"}
    with pytest.raises(ValueError, match="at least two"):
        parties_together(1)


def test_names_are_joined_as_a_list_in_each_language() -> None:
    names = [party.name.model_dump() for party in (HKTE, QIANHAI, NANSHA)]
    assert names_joined(names[:1]) == names[0]
    assert names_joined(names[:2])["en"] == "Hong Kong Talent Engage and Shenzhen Qianhai Cooperation Zone"
    joined = names_joined(names)
    assert joined["en"] == "Hong Kong Talent Engage, Shenzhen Qianhai Cooperation Zone and Guangzhou Nansha District"
    assert joined["zh"] == "香港人才服務辦公室、深圳前海合作區與廣州南沙區"


def test_a_three_party_executed_mou_says_the_three_parties() -> None:
    text = pdftotext(render(request(DocumentKind.EXECUTED, three_party_executed())))
    flat = squeezed(text)
    assert "雙方" not in flat
    assert "In witness whereof the three parties have signed" in " ".join(text.split())
    assert "三方已以英文及中文簽署本諒解備忘錄" in flat
    for party in (HKTE, QIANHAI, NANSHA):
        assert squeezed(f"For {party.name.en}") in flat and squeezed(f"代表{party.name.zh}") in flat
        assert squeezed(SIGNATORIES[party.id].name_en) in flat
    assert flat.count(squeezed("Signed 31 May 2025, 10:10")) == 3  # one signature block per party


def test_a_three_party_ceremony_programme_lists_the_signing_parties() -> None:
    text = squeezed(pdftotext(render(request(DocumentKind.CEREMONY_PROGRAMME, three_party_executed()))))
    assert (
        squeezed("by Hong Kong Talent Engage, Shenzhen Qianhai Cooperation Zone and Guangzhou Nansha District") in text
    )
    assert "香港人才服務辦公室、深圳前海合作區與廣州南沙區簽署諒解備忘錄" in text


@pytest.mark.parametrize(
    ("months", "days", "en", "zh"),
    [
        (0, 20, "20 days after the effective date", "生效日期後20日"),
        (3, 0, "3 months after the effective date", "生效日期後3個月"),
        (1, 1, "1 month and 1 day after the effective date", "生效日期後1個月1日"),
        (0, 0, "on the effective date", "生效日期當日"),
    ],
)
def test_an_offset_prints_only_its_non_zero_parts(months: int, days: int, en: str, zh: str) -> None:
    assert offset_after_effective_date(months, days) == {"en": en, "zh": zh}


def test_a_days_only_milestone_prints_as_days_in_the_draft() -> None:
    state = three_party_executed()
    text = squeezed(pdftotext(render(request(DocumentKind.DRAFT, state))))
    assert squeezed("First tripartite coordination meeting") in text
    # the table's columns interleave in the extracted text, so the English cell is read up to its wrap
    assert squeezed("20 days after the") in text and "生效日期後20日" in text
    assert "0months" not in text and "0個月" not in text
