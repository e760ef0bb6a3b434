"""The seed case as data the benchmarks share: who takes part, what they draft, sign and report.

Every bench MoU is the symposium MoU with one revision: HKTE starts it with Qianhai or Nansha, adds
a talent-services clause as version 2, both parties approve it, HKTE schedules the ceremony and both
sign, HKTE reports the joint recruitment fair done and the partner confirms it, then both parties end
it by agreement. Termination by agreement is the one end that needs no real time to pass (expiry
waits for the term, a notice for its months; withdrawal skips the signing).

The throughput benches (lifecycle.py, load.py) sign in counterpart: signatures at the ceremony are
taken from its start, and waiting for it in real time would measure the wait. The ceremony is still
scheduled, so its programme is still rendered.
"""

from datetime import datetime, timedelta

from mouflow import demo
from mouflow.demo import HKTE, NANSHA, QIANHAI, SECRETARY_FOR_LABOUR, symposium_mou
from mouflow.domain.actions import CeremonyRequest, StartMou
from mouflow.domain.content import Bilingual, BilingualText, Clause, DraftContent, Party
from mouflow.domain.enums import SigningMode, TerminationWay

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
SIGNING_MODE = SigningMode.IN_COUNTERPART  # the throughput benches wait for no ceremony: see above
TERMINATION_BY = TerminationWay.AGREEMENT  # at once, when every party has consented


def partner_of(n: int) -> Party:
    return PARTNERS[n % len(PARTNERS)]


def first_draft(partner: Party, mou_id: str) -> StartMou:
    return symposium_mou(partner, mou_id)


def second_draft(first: DraftContent) -> DraftContent:
    return first.model_copy(update={"clauses": [*first.clauses, SERVICES_CLAUSE]})


def ceremony(now: datetime, ahead: timedelta = timedelta(days=3)) -> CeremonyRequest:
    """Three days ahead unless told: the ceremony must lie in the future (and within two years) when scheduled."""
    return CeremonyRequest(starts_at=now + ahead, venue=VENUE, witnesses=[SECRETARY_FOR_LABOUR])
