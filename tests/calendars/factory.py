"""A FeedMou as the store would hand it over, with titles that need escaping."""

from datetime import UTC, date, datetime

from mouflow.calendars.models import FeedMilestone, FeedMou
from mouflow.domain.actions import Actor, Official
from mouflow.domain.content import Bilingual
from mouflow.domain.enums import MilestoneStatus, Role, Stage
from mouflow.domain.state import Ceremony

TRICKY = Bilingual(en="Talent, skills; and\nEND:VEVENT", zh="人才合作，技能；交流")
HKTE = Bilingual(en="Hong Kong Talent Engage", zh="香港人才服務辦公室")
QIANHAI = Bilingual(en="Shenzhen Qianhai Cooperation Zone", zh="深圳前海合作區")
OFFICER = Actor(user_id="u-1", name="HKTE officer", party_id="hkte", role=Role.OFFICER)
SECRETARY = Official(
    name=Bilingual(en="Chris Sun", zh="孫玉菡"),
    title=Bilingual(en="Secretary for Labour and Welfare", zh="勞工及福利局局長"),
)


def ceremony(at: datetime, time_zone: str = "Asia/Hong_Kong") -> Ceremony:
    venue = Bilingual(en="Central Government Offices, Tamar", zh="添馬政府總部")
    return Ceremony(
        starts_at=at, time_zone=time_zone, venue=venue, witnesses=[SECRETARY], scheduled_by=OFFICER, scheduled_at=at
    )


def milestone(
    milestone_id: str = "joint-fair", status: MilestoneStatus = MilestoneStatus.PENDING, overdue: bool = False
) -> FeedMilestone:
    return FeedMilestone(
        id=milestone_id,
        term_number=1,
        title=Bilingual(en="Joint fair, phase 1", zh="聯合招聘會"),
        owner_party_id="qianhai",
        due_date=date(2025, 9, 30),
        status=status,
        overdue=overdue,
        confirmed=False,
        last_seq=7,
    )


def mou(**changes: object) -> FeedMou:
    base = FeedMou(
        mou_id="hkte-qianhai-2025",
        title=TRICKY,
        stage=Stage.IN_FORCE,
        executed=True,
        parties={"hkte": HKTE, "qianhai": QIANHAI},
        ceremony=ceremony(datetime(2025, 6, 3, 2, 30, tzinfo=UTC)),  # 10:30 in Hong Kong
        ceremonies_scheduled=1,
        closed_at=None,
        updated_at=datetime(2025, 6, 4, 1, 0, tzinfo=UTC),
        last_seq=9,
        milestones=[milestone()],
    )
    return base.model_copy(update=changes)
