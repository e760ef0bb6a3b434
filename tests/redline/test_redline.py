"""The whole redline: the symposium MoU with Qianhai (mouflow.demo) against a revision of it."""

from datetime import date

from mouflow.domain.content import Bilingual
from mouflow.redline.compare import redline
from mouflow.redline.models import (
    Change,
    Language,
    OneLanguageChange,
    Part,
    PlanStatus,
    Redline,
    Status,
    Summary,
)
from tests.redline.drafts import JOINT_ACTIVITIES, PURPOSE, SERVICES, SYMPOSIUM, revised
from tests.redline.segments import both


def revision_of_the_symposium():
    fair, report, review = SYMPOSIUM.milestones
    return SYMPOSIUM.model_copy(
        update={
            "scope_areas": [*SYMPOSIUM.scope_areas, Bilingual(en="Talent mobility", zh="人才流動")],
            "term_months": 48,
            "notice_months": 6,
            "clauses": [
                revised(PURPOSE, en=("employment and", "employment, training and"), zh=("就業及", "就業、培訓及")),
                SERVICES,
                revised(JOINT_ACTIVITIES, en=("recruitment events", "recruitment fairs")),
            ],
            "milestones": [
                report.model_copy(update={"owner_party_id": "hkte"}),
                review.model_copy(update={"offset_months": 18}),
                fair.model_copy(
                    update={"id": "mobility-forum", "title": Bilingual(en="Mobility forum", zh="流動論壇")}
                ),
            ],
        }
    )


def test_the_symposium_against_its_revision_clause_by_clause() -> None:
    clauses = redline(SYMPOSIUM, revision_of_the_symposium()).clauses
    assert [(c.status, c.old_number, c.new_number) for c in clauses] == [
        (Status.CHANGED, 1, 1),
        (Status.ADDED, None, 2),
        (Status.CHANGED, 2, 3),  # shifted by the clause before it, not moved
    ]
    assert both(clauses[0].text) == {
        "en": [
            (
                "=",
                "Hong Kong Talent Engage and Shenzhen Qianhai Cooperation Zone deepen collaboration in talent "
                "recruitment, services, employment",
            ),
            ("+", ", training"),
            ("=", " and development between Hong Kong and the region."),
        ],
        "zh": [
            ("=", "香港人才服務辦公室與深圳前海合作區深化香港與該區在人才招聘、服務、就業"),
            ("+", "、培訓"),
            ("=", "及發展方面的合作。"),
        ],
    }
    assert both(clauses[1].heading) == {"en": [("+", "Talent services")], "zh": [("+", "人才服務")]}
    assert both(clauses[2].text)["zh"] == [("=", "雙方舉辦聯合招聘活動，並交流人才政策資訊。")]
    assert [c.one_language_only for c in clauses] == [False, False, True]


def test_the_symposium_against_its_revision_as_a_whole() -> None:
    result = redline(SYMPOSIUM, revision_of_the_symposium())
    assert result.changed
    assert result.summary == Summary(
        clauses_changed=2,
        clauses_added=1,
        clauses_removed=0,
        clauses_moved=0,
        scope_areas_changed=0,
        scope_areas_added=1,
        scope_areas_removed=0,
        scope_areas_moved=0,
        milestones_changed=2,
        milestones_added=1,
        milestones_removed=1,
        fields_changed=("term_months", "notice_months"),
        one_language_changes=1,
    )
    assert (result.term_months, result.notice_months, result.effective_date) == (
        Change(old=36, new=48),
        Change(old=3, new=6),
        None,
    )
    assert [(area.status, area.new_number) for area in result.scope_areas][-1] == (Status.ADDED, 5)
    assert [(m.id, m.status) for m in result.milestones] == [
        ("joint-recruitment-fair", PlanStatus.REMOVED),
        ("talent-services-report", PlanStatus.CHANGED),
        ("annual-review", PlanStatus.CHANGED),
        ("mobility-forum", PlanStatus.ADDED),
    ]
    assert result.one_language_changes == (
        OneLanguageChange(part=Part.CLAUSE_TEXT, language=Language.EN, old_number=2, new_number=3),
    )


def test_no_change_at_all() -> None:
    result = redline(SYMPOSIUM, SYMPOSIUM.model_copy(deep=True))
    assert not result.changed
    assert result.summary.fields_changed == () and result.one_language_changes == ()
    assert {c.status for c in result.clauses} | {a.status for a in result.scope_areas} == {Status.UNCHANGED}
    assert {m.status for m in result.milestones} == {PlanStatus.UNCHANGED}
    assert both(result.title) == {"en": [("=", SYMPOSIUM.title.en)], "zh": [("=", SYMPOSIUM.title.zh)]}


def test_every_text_changed_in_one_language_only_is_listed_in_reading_order() -> None:
    fair = SYMPOSIUM.milestones[0]
    new = SYMPOSIUM.model_copy(
        update={
            "title": SYMPOSIUM.title.model_copy(update={"zh": SYMPOSIUM.title.zh + "（修訂）"}),
            "scope_areas": [
                Bilingual(en="Talent recruitment and placement", zh="人才招聘"),
                *SYMPOSIUM.scope_areas[1:],
            ],
            "clauses": [revised(PURPOSE, zh=("深化", "加強")), JOINT_ACTIVITIES],
            "milestones": [fair.model_copy(update={"title": Bilingual(en="Joint job fair", zh="聯合招聘會")})],
        }
    )
    assert redline(SYMPOSIUM, new).one_language_changes == (
        OneLanguageChange(part=Part.TITLE, language=Language.ZH),
        OneLanguageChange(part=Part.SCOPE_AREA, language=Language.EN, old_number=1, new_number=1),
        OneLanguageChange(part=Part.CLAUSE_TEXT, language=Language.ZH, old_number=1, new_number=1),
        OneLanguageChange(part=Part.MILESTONE_TITLE, language=Language.EN, milestone_id="joint-recruitment-fair"),
    )


def test_an_effective_date_set_is_a_field_change() -> None:
    result = redline(SYMPOSIUM, SYMPOSIUM.model_copy(update={"effective_date": date(2025, 7, 1)}))
    assert result.effective_date == Change(old=None, new=date(2025, 7, 1))
    assert result.summary.fields_changed == ("effective_date",) and result.changed


def test_the_redline_reads_back_from_its_json() -> None:
    """The API returns it as JSON and the page draws it from there."""
    result = redline(SYMPOSIUM, revision_of_the_symposium())
    assert Redline.model_validate_json(result.model_dump_json()) == result
    assert result.model_dump(mode="json")["clauses"][1]["heading"]["en"] == [
        {"op": "insert", "text": "Talent services"}
    ]
