"""The milestone plan: milestones have ids, so they are matched by id."""

from datetime import date

from mouflow.domain.content import Bilingual
from mouflow.redline.models import Change, Due, Language, MilestoneField, PlanStatus
from mouflow.redline.plan import milestone_changes
from tests.redline.drafts import SYMPOSIUM
from tests.redline.segments import both

FAIR, REPORT, REVIEW = SYMPOSIUM.milestones  # joint-recruitment-fair, talent-services-report, annual-review


def placed(changes) -> list[tuple[str, PlanStatus, int | None, int | None]]:
    return [(change.id, change.status, change.old_number, change.new_number) for change in changes]


def test_the_same_plan_is_unchanged() -> None:
    changes = milestone_changes(SYMPOSIUM.milestones, SYMPOSIUM.milestones)
    assert [change.status for change in changes] == [PlanStatus.UNCHANGED] * 3
    assert all(change.changed_fields == () and change.due is None for change in changes)


def test_a_milestone_added_and_one_removed() -> None:
    mobility = REVIEW.model_copy(
        update={"id": "mobility-report", "title": Bilingual(en="Mobility report", zh="流動報告")}
    )
    changes = milestone_changes([FAIR, REPORT, REVIEW], [REPORT, REVIEW, mobility])
    assert placed(changes) == [
        ("joint-recruitment-fair", PlanStatus.REMOVED, 1, None),
        ("talent-services-report", PlanStatus.UNCHANGED, 2, 1),
        ("annual-review", PlanStatus.UNCHANGED, 3, 2),
        ("mobility-report", PlanStatus.ADDED, None, 3),
    ]
    assert both(changes[0].title) == {"en": [("-", "Joint recruitment fair")], "zh": [("-", "聯合招聘會")]}
    assert (changes[0].old, changes[0].new, changes[3].old, changes[3].new) == (FAIR, None, None, mobility)
    assert both(changes[3].title) == {"en": [("+", "Mobility report")], "zh": [("+", "流動報告")]}


def test_a_milestone_rescheduled_from_an_offset_to_a_date() -> None:
    fixed = REVIEW.model_copy(update={"offset_months": None, "due_date": date(2026, 7, 1)})
    change = milestone_changes([REVIEW], [fixed])[0]
    assert (change.status, change.changed_fields) == (PlanStatus.CHANGED, (MilestoneField.DUE,))
    assert change.due == Change(
        old=Due(due_date=None, offset_months=12, offset_days=0),
        new=Due(due_date=date(2026, 7, 1), offset_months=None, offset_days=0),
    )
    assert change.owner_party_id is None and change.requires_confirmation is None


def test_a_milestone_given_to_another_owner_and_confirmation() -> None:
    handed = REPORT.model_copy(update={"owner_party_id": "hkte", "requires_confirmation": True})
    change = milestone_changes([REPORT], [handed])[0]
    assert change.changed_fields == (MilestoneField.OWNER, MilestoneField.REQUIRES_CONFIRMATION)
    assert change.owner_party_id == Change(old="qianhai", new="hkte")
    assert change.requires_confirmation == Change(old=False, new=True)


def test_a_milestone_title_changed_in_english_only() -> None:
    renamed = FAIR.model_copy(update={"title": Bilingual(en="Joint recruitment fairs", zh="聯合招聘會")})
    change = milestone_changes([FAIR], [renamed])[0]
    assert change.changed_fields == (MilestoneField.TITLE,)
    assert change.title.one_language_only and change.title.changed_languages == (Language.EN,)
    assert both(change.title) == {
        "en": [("=", "Joint recruitment "), ("-", "fair"), ("+", "fairs")],  # English changes word by word
        "zh": [("=", "聯合招聘會")],
    }
