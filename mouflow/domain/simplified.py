"""Simplified Chinese as an authentic text: who writes which text of a draft, and when a version's
Simplified text is whole.

The owner's officers write the English and the Traditional Chinese. Where a party reads Simplified Chinese
(`Party.wants_simplified_copy`, as the Mainland partner regions do), its officers may add the Simplified
text to a draft, clause by clause: the version that holds it goes round every party like any other, and
once executed the Simplified text is authentic beside the other two. Checks here are a validator's
(mouflow.domain.rules, rule 1): they judge new revisions only, never history.
"""

from mouflow.chinese import to_mainland_simplified
from mouflow.domain.access import require_officer, require_owner_officer
from mouflow.domain.actions import Actor, Revise
from mouflow.domain.content import Clause, DraftContent, Party, SimplifiedClause, SimplifiedText
from mouflow.domain.state import DraftVersion, MouState
from mouflow.errors import Forbidden, InvalidInput

FIELD = "content.simplified"


def simplified_writers(state: MouState) -> list[str]:
    """The parties whose officers write the Simplified text: those that read it."""
    return [party.id for party in state.parties if party.wants_simplified_copy]


def require_simplified_writer(state: MouState, actor: Actor) -> None:
    require_officer(state, actor)
    writers = simplified_writers(state)
    if not writers:
        raise InvalidInput(
            "no party of MoU {mou} reads Simplified Chinese, so it has no Simplified text",
            field=FIELD,
            mou=state.mou_id,
        )
    if actor.party_id not in writers:
        raise Forbidden(
            "the Simplified Chinese text is written by an officer of {writers}; send it as the current version has it",
            field=FIELD,
            writers=", ".join(writers),
        )


def check_start_text(content: DraftContent, owner: Party) -> None:
    """An MoU starts with the owner's text: a partner's Simplified text comes as a version of its own."""
    if content.simplified is not None and not owner.wants_simplified_copy:
        raise InvalidInput(
            "an MoU starts without a Simplified Chinese text: an officer of a party that reads it writes one "
            "once the MoU has started",
            field=FIELD,
        )


def check_authorship(state: MouState, revise: Revise) -> None:
    """The owner's officers change the English and Traditional text; the Simplified text is changed only by
    an officer of a party that reads it. A revision that changes neither is the owner's, as it always was."""
    base = _base(state, revise).content
    changes_simplified = revise.content.simplified != base.simplified
    if not changes_simplified or _without_simplified(revise.content) != _without_simplified(base):
        require_owner_officer(state, revise.actor)
    if changes_simplified:
        require_simplified_writer(state, revise.actor)
        check_pairs(revise.content)


def _base(state: MouState, revise: Revise) -> DraftVersion:
    """The version the revision was made from; a stale one is refused as stale after this, by its number."""
    if 1 <= revise.base_version <= len(state.versions):
        return state.versions[revise.base_version - 1]
    return state.current_version


def _without_simplified(content: DraftContent) -> DraftContent:
    return content.model_copy(update={"simplified": None})


def check_pairs(content: DraftContent) -> None:
    """A Simplified text written for this draft has one scope area and one clause for each of the draft's."""
    written = content.simplified
    if written is None:
        return
    if len(written.scope_areas) != len(content.scope_areas):
        raise InvalidInput(
            "the Simplified Chinese text has {written} scope areas; the draft has {drafted}: give one for each",
            field="content.simplified.scope_areas",
            written=len(written.scope_areas),
            drafted=len(content.scope_areas),
        )
    if len(written.clauses) != len(content.clauses):
        raise InvalidInput(
            "the Simplified Chinese text has {written} clauses; the draft has {drafted}: give one for each",
            field="content.simplified.clauses",
            written=len(written.clauses),
            drafted=len(content.clauses),
        )


def check_whole(state: MouState) -> None:
    """Before review: a Simplified text the owner's later revision outgrew is brought up to date first."""
    try:
        check_pairs(state.current_version.content)
    except InvalidInput as unpaired:
        raise InvalidInput(
            "the Simplified Chinese text no longer gives one scope area and one clause for each of the draft's; "
            "an officer of {writers} brings it up to date before the draft goes for review",
            field=FIELD,
            writers=", ".join(simplified_writers(state)),
        ) from unpaired


def starting_text(content: DraftContent) -> SimplifiedText:
    """Where the writer starts: the Simplified text written so far, and for each scope area or clause it lacks,
    the Traditional text converted phrase by phrase with the Mainland's own words (資訊 → 信息, 支援 → 支持)."""
    written = content.simplified
    areas = written.scope_areas if written else []
    clauses = written.clauses if written else []
    return SimplifiedText(
        title=written.title if written else to_mainland_simplified(content.title.zh),
        scope_areas=[
            areas[index] if index < len(areas) else to_mainland_simplified(area.zh)
            for index, area in enumerate(content.scope_areas)
        ],
        clauses=[
            clauses[index] if index < len(clauses) else _converted(clause)
            for index, clause in enumerate(content.clauses)
        ],
    )


def _converted(clause: Clause) -> SimplifiedClause:
    return SimplifiedClause(
        heading=to_mainland_simplified(clause.heading.zh), text=to_mainland_simplified(clause.text.zh)
    )
