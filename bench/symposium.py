"""The seed case as data the benchmarks share: who takes part, what they draft, sign and report.

Every bench MoU is the symposium MoU with one revision: HKTE starts it with Qianhai or Nansha, adds
a talent-services clause as version 2, both parties approve and sign it, HKTE reports the joint
recruitment fair done and the partner confirms it, then HKTE terminates it. Terminating is the one
end that needs no real time to pass (expiry waits for the term; withdrawal skips the signing).
"""

from datetime import datetime, timedelta

from mouflow import demo
from mouflow.demo import HKTE, NANSHA, QIANHAI, SECRETARY_FOR_LABOUR, symposium_mou
from mouflow.domain.actions import CeremonyRequest, StartMou
from mouflow.domain.content import Bilingual, BilingualText, Clause, DraftContent, Party

PARTNERS = (QIANHAI, NANSHA)
PARTIES = (HKTE, *PARTNERS)
FAIR = "joint-recruitment-fair"  # owned by HKTE, confirmed by the partner
SERVICES_CLAUSE = Clause(
    heading=Bilingual(en="Talent services", zh="人才服務"),
    text=BilingualText(
        en="The partner provides one-stop services to Hong Kong talent working in its district.",
        zh="合作方為在其區內工作的香港人才提供一站式服務。",
    ),
)
SIGNATORIES = demo.SIGNATORIES
VENUE = demo.CEREMONY_VENUE
TERMINATION_REASON = "Superseded by the Greater Bay Area talent framework"


def partner_of(n: int) -> Party:
    return PARTNERS[n % len(PARTNERS)]


def first_draft(partner: Party, mou_id: str) -> StartMou:
    return symposium_mou(partner, mou_id)


def second_draft(first: DraftContent) -> DraftContent:
    return first.model_copy(update={"clauses": [*first.clauses, SERVICES_CLAUSE]})


def ceremony(now: datetime) -> CeremonyRequest:
    """Three days ahead: the ceremony must lie in the future when it is scheduled."""
    return CeremonyRequest(starts_at=now + timedelta(days=3), venue=VENUE, witnesses=[SECRETARY_FOR_LABOUR])
