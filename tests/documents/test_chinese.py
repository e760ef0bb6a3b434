"""Traditional to Simplified for the partner copies."""

from mouflow.chinese import to_simplified
from mouflow.documents.chinese import simplify_chinese


def test_converts_the_words_the_mous_use() -> None:
    assert to_simplified("諒解備忘錄") == "谅解备忘录"
    assert to_simplified("廣州南沙區") == "广州南沙区"
    assert to_simplified("香港人才服務辦公室") == "香港人才服务办公室"
    assert to_simplified("勞工及福利局局長") == "劳工及福利局局长"


def test_only_chinese_fields_change() -> None:
    context = {"title": {"en": "Hong Kong 區", "zh": "區"}, "items": [{"zh": "廣州"}], "version": 2}
    assert simplify_chinese(context) == {
        "title": {"en": "Hong Kong 區", "zh": "区"},
        "items": [{"zh": "广州"}],
        "version": 2,
    }
