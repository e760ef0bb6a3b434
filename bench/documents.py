"""How long a 10-page bilingual executed MoU takes to render: our activity path against bare WeasyPrint.

Run: .venv/bin/python bench/documents.py [runs]
Ours is what `documents.render` does before touching the database: plan the document, render_html,
WeasyPrint through the templates-only fetcher to PDF/A-3b. Bare is WeasyPrint alone on the same,
already rendered HTML with its default fetcher. Figures are measured in this run, not remembered.
"""

import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from pypdf import PdfReader
from weasyprint import HTML  # type: ignore[import-untyped]

from mouflow.demo import HKTE, HKTE_SIGNATORY, QIANHAI, SECRETARY_FOR_LABOUR, officer, symposium_mou
from mouflow.documents.environment import render_html
from mouflow.documents.models import DocumentKind, RenderDocument
from mouflow.documents.pdf import ARCHIVAL, BASE_URL, write_pdf
from mouflow.documents.plan import plan_document
from mouflow.documents.subsetter import fast_subsetter_available
from mouflow.domain import drafting, review, signatures
from mouflow.domain.actions import Review, ScheduleCeremony, Sign, Signatory, Submit
from mouflow.domain.content import Bilingual, BilingualText, Clause
from mouflow.domain.enums import ReviewDecision
from mouflow.domain.rules import CURRENT_RULES
from mouflow.domain.state import MouState

T0 = datetime(2025, 5, 1, 2, 0, tzinfo=UTC)
CLAUSES = 13  # with the fixed pages (cover, signatures, certificate) this makes 10 A4 pages
EN = (
    "The parties shall cooperate in good faith on talent recruitment, services, employment and development, "
    "exchange information on their talent policies, hold joint events at least twice a year, and report to each "
    "other on the progress of the milestones agreed in the schedule to this Memorandum. "
)
ZH = (
    "雙方本著誠信原則，在人才招聘、服務、就業及發展方面開展合作，交流人才政策資訊，"
    "每年最少舉辦兩次聯合活動，並就本備忘錄附表所訂里程碑的進度互相報告。"
)


def long_clauses() -> list[Clause]:
    return [
        Clause(
            heading=Bilingual(en=f"Cooperation area {n}", zh=f"合作範疇{n}"), text=BilingualText(en=EN * 3, zh=ZH * 3)
        )
        for n in range(1, CLAUSES + 1)
    ]


def executed_mou() -> MouState:
    start = symposium_mou(QIANHAI, "bench-qianhai")
    content = start.content.model_copy(update={"clauses": long_clauses()})
    state, _ = drafting.start_mou(start.model_copy(update={"content": content}), T0, CURRENT_RULES)
    drafting.apply_submit(state, Submit(actor=officer(HKTE), version=1), T0)
    for party in state.parties:
        review.apply_review(state, Review(actor=officer(party), version=1, decision=ReviewDecision.APPROVE), T0)
    venue = Bilingual(en="Central Government Offices, Tamar", zh="添馬政府總部")
    ceremony = ScheduleCeremony(
        actor=officer(HKTE), starts_at=T0 + timedelta(days=30), venue=venue, witnesses=[SECRETARY_FOR_LABOUR]
    )
    signatures.apply_ceremony(state, ceremony, T0)
    qianhai = Signatory(name_en="Qianhai representative", title_en="Director", name_zh="前海代表")
    for party, signatory in ((HKTE, HKTE_SIGNATORY), (QIANHAI, qianhai)):  # at the ceremony, from its start
        signatures.apply_sign(state, Sign(actor=officer(party), version=1, signatory=signatory), ceremony.starts_at)
    return state


def ours(request: RenderDocument) -> bytes:
    plan = plan_document(request)
    return write_pdf(render_html(plan.template, plan.context), archival=plan.archival)


def seconds(work: Callable[[], bytes]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def medians(first: Callable[[], bytes], second: Callable[[], bytes], runs: int) -> tuple[float, float]:
    """Alternating, so whatever else the machine does weighs on both alike."""
    times = [(seconds(first), seconds(second)) for _ in range(runs)]
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def memory_gib() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30


def main(runs: int) -> None:
    request = RenderDocument(workflow_id="mou-bench", kind=DocumentKind.EXECUTED, mou=executed_mou())
    plan = plan_document(request)
    html = render_html(plan.template, plan.context)
    pdf = ours(request)  # warm-up: fontconfig, the font files and the templates load once per process
    bare = HTML(string=html, base_url=BASE_URL).write_pdf(pdf_variant=ARCHIVAL)
    load = os.getloadavg()[0]
    machine = f"{os.cpu_count()} cores, {memory_gib():.1f} GiB, load average {load:.2f}"
    print(f"machine: {machine}; fast subsetter: {fast_subsetter_available()}")
    print(f"document: {len(PdfReader(io.BytesIO(pdf)).pages)} pages, ours {len(pdf):,} B, bare {len(bare):,} B")
    bare_call = HTML(string=html, base_url=BASE_URL).write_pdf
    ours_s, bare_s = medians(lambda: ours(request), lambda: bare_call(pdf_variant=ARCHIVAL), runs)
    print(f"median of {runs}: ours {ours_s:.3f} s, bare WeasyPrint {bare_s:.3f} s, ratio {ours_s / bare_s:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
