"""Clauses have no ids: matched by content, exact copies first, then the most similar pairs."""

from hypothesis import given
from hypothesis import strategies as st

from mouflow.domain.content import Bilingual
from mouflow.redline.clauses import clause_changes, scope_area_changes
from mouflow.redline.models import Language, Status
from mouflow.redline.text_diff import new_text, old_text
from tests.redline.drafts import FIVE, INTERNSHIPS, JOINT_ACTIVITIES, PURPOSE, REVIEW, SERVICES, clause, revised
from tests.redline.segments import both, short

A, B, C, D, E = FIVE


def placed(changes) -> list[tuple[Status, int | None, int | None]]:
    return [(change.status, change.old_number, change.new_number) for change in changes]


def test_nothing_changed() -> None:
    changes = clause_changes(FIVE, FIVE)
    assert placed(changes) == [(Status.UNCHANGED, n, n) for n in range(1, 6)]
    assert both(changes[2].text) == {"en": [("=", SERVICES.text.en)], "zh": [("=", SERVICES.text.zh)]}
    assert all(change.similarity == 1.0 and not change.one_language_only for change in changes)


def test_a_clause_inserted_before_others_shifts_them_without_moving_them() -> None:
    assert placed(clause_changes([A, B, C], [D, A, B, C])) == [
        (Status.ADDED, None, 1),
        (Status.UNCHANGED, 1, 2),
        (Status.UNCHANGED, 2, 3),
        (Status.UNCHANGED, 3, 4),
    ]


def test_a_removed_clause_stands_where_it_was() -> None:
    changes = clause_changes([A, B, C], [A, C])
    assert placed(changes) == [(Status.UNCHANGED, 1, 1), (Status.REMOVED, 2, None), (Status.UNCHANGED, 3, 2)]
    assert both(changes[1].heading) == {"en": [("-", "Joint activities")], "zh": [("-", "聯合活動")]}
    assert changes[1].similarity == 0.0


def test_a_clause_moved_to_the_end_is_the_one_that_moved() -> None:
    assert placed(clause_changes([A, B, C, D], [A, C, D, B])) == [
        (Status.UNCHANGED, 1, 1),
        (Status.UNCHANGED, 3, 2),
        (Status.UNCHANGED, 4, 3),
        (Status.MOVED, 2, 4),
    ]


def test_a_clause_moved_and_revised() -> None:
    fairs = revised(REVIEW, en=("every twelve months", "every six months"), zh=("十二", "六"))
    changes = clause_changes([A, B, REVIEW], [fairs, A, B])
    assert placed(changes) == [(Status.MOVED_AND_CHANGED, 3, 1), (Status.UNCHANGED, 1, 2), (Status.UNCHANGED, 2, 3)]
    assert both(changes[0].text) == {
        "en": [
            ("=", "The parties review this memorandum every "),
            ("-", "twelve"),
            ("+", "six"),
            ("=", " months and record what was achieved."),
        ],
        "zh": [("=", "雙方每"), ("-", "十二"), ("+", "六"), ("=", "個月檢討本備忘錄一次，並記錄成果。")],
    }
    assert both(changes[0].heading) == {"en": [("=", "Review")], "zh": [("=", "檢討")]}
    assert 0.9 < changes[0].similarity < 1.0


def test_a_clause_revised_in_place() -> None:
    more = revised(
        SERVICES, en=("one-stop services", "one-stop services and housing support"), zh=("服務", "服務及住屋支援")
    )
    changes = clause_changes([A, SERVICES, D], [A, more, D])
    assert placed(changes) == [(Status.UNCHANGED, 1, 1), (Status.CHANGED, 2, 2), (Status.UNCHANGED, 3, 3)]
    assert both(changes[1].text) == {
        "en": [
            ("=", "The partner provides one-stop services "),
            ("+", "and housing support "),
            ("=", "to Hong Kong talent working in its district."),
        ],
        "zh": [("=", "合作方為在其區內工作的香港人才提供一站式服務"), ("+", "及住屋支援"), ("=", "。")],
    }
    assert not changes[1].one_language_only


def test_a_clause_changed_in_english_only_is_flagged() -> None:
    fairs = revised(JOINT_ACTIVITIES, en=("recruitment events", "recruitment fairs"))
    change = clause_changes([PURPOSE, JOINT_ACTIVITIES], [PURPOSE, fairs])[1]
    assert (change.status, change.one_language_only) == (Status.CHANGED, True)
    assert change.text.changed_languages == (Language.EN,)
    assert short(change.text.zh) == [("=", JOINT_ACTIVITIES.text.zh)]
    assert short(change.text.en) == [
        ("=", "The parties hold joint recruitment "),
        ("-", "events"),
        ("+", "fairs"),
        ("=", " and exchange information on talent policies."),
    ]


def test_a_heading_changed_in_chinese_only_is_flagged() -> None:
    renamed = INTERNSHIPS.model_copy(update={"heading": Bilingual(en="Internships", zh="實習計劃")})
    change = clause_changes([INTERNSHIPS], [renamed])[0]
    assert change.one_language_only and change.heading.changed_languages == (Language.ZH,)
    assert not change.text.changed


def test_a_clause_rewritten_altogether_is_removed_and_another_added() -> None:
    other = clause(
        "Data", "資料", "Personal data is handled under the law of each region.", "個人資料依各地區法律處理。"
    )
    changes = clause_changes([A, REVIEW], [A, other])
    # the deletion before the insertion that replaces it, as within a text
    assert placed(changes) == [(Status.UNCHANGED, 1, 1), (Status.REMOVED, 2, None), (Status.ADDED, None, 2)]


def test_the_most_similar_pair_wins_and_the_rest_is_added() -> None:
    six = revised(REVIEW, en=("twelve", "six"), zh=("十二", "六"))
    six_and_report = revised(six, en=("record what was achieved", "report"), zh=("記錄成果", "提交報告"))
    assert placed(clause_changes([REVIEW], [six_and_report, six])) == [
        (Status.ADDED, None, 1),
        (Status.CHANGED, 1, 2),
    ]


def test_copies_of_one_clause_pair_in_order() -> None:
    assert placed(clause_changes([A, B, A], [A, A])) == [
        (Status.UNCHANGED, 1, 1),
        (Status.REMOVED, 2, None),
        (Status.UNCHANGED, 3, 2),
    ]


def test_scope_areas_are_matched_like_clauses() -> None:
    old = [Bilingual(en="Talent recruitment", zh="人才招聘"), Bilingual(en="Talent services", zh="人才服務")]
    new = [Bilingual(en="Talent services and support", zh="人才服務及支援"), Bilingual(en="Employment", zh="就業")]
    changes = scope_area_changes(old, new)
    assert placed(changes) == [(Status.REMOVED, 1, None), (Status.CHANGED, 2, 1), (Status.ADDED, None, 2)]
    assert both(changes[1].area) == {
        "en": [("=", "Talent services"), ("+", " and support")],
        "zh": [("=", "人才服務"), ("+", "及支援")],
    }


POOL = [*FIVE, revised(REVIEW, en=("twelve", "six"), zh=("十二", "六")), revised(PURPOSE, zh=("深化", "加強"))]


@given(st.lists(st.sampled_from(POOL), min_size=1, max_size=8), st.lists(st.sampled_from(POOL), min_size=1, max_size=8))
def test_every_clause_is_drawn_once_from_its_own_text(old: list, new: list) -> None:
    changes = clause_changes(old, new)
    assert sorted(c.old_number for c in changes if c.old_number) == list(range(1, len(old) + 1))
    new_numbers = [c.new_number for c in changes if c.new_number]
    assert new_numbers == list(range(1, len(new) + 1))  # in the new draft's order
    for change in changes:
        assert (change.old_number is None) == (change.status is Status.ADDED)
        assert (change.new_number is None) == (change.status is Status.REMOVED)
        if change.old_number:
            assert _drawn(change, old_text) == _texts(old[change.old_number - 1])
        if change.new_number:
            assert _drawn(change, new_text) == _texts(new[change.new_number - 1])
        if change.status in {Status.UNCHANGED, Status.MOVED}:
            assert old[change.old_number - 1] == new[change.new_number - 1]


def _drawn(change, rejoined) -> tuple[str, ...]:
    return tuple(
        rejoined(segments) for segments in (change.heading.en, change.heading.zh, change.text.en, change.text.zh)
    )


def _texts(clause) -> tuple[str, ...]:
    return clause.heading.en, clause.heading.zh, clause.text.en, clause.text.zh
