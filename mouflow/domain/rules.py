"""Which edition of the rules an MoU lives under, and why that is part of its state.

Every `apply_*` runs its `check_*` again before it changes the state, so that no code path can apply
an action its rule refuses. On replay the workflow re-runs those `apply_*` calls over the actions that
history holds. A check that *tightens* would then refuse an action that history accepted, the
replayed run would diverge from the recorded one, and the workflow could never move again.

So a rule that tightens is keyed on `MouState.rules`:
- a new MoU starts under `CEREMONY_AND_NOTICE`, and a carried state not yet signed is raised to it at
  continue-as-new (a signed MoU keeps the rules it was agreed under); the workflow does both behind
  `workflow.patched(RULES_PATCH)`, which is off while old histories replay. Each later edition gets a
  patch of its own and names its own number, never `CURRENT_RULES`, so a history replays to the same one;
- an MoU that history started under an older edition keeps it for the rest of that run, so its
  actions replay exactly as they were accepted.

A rule that only loosens needs no edition. Nor does a check of new input alone (date windows, draft
size: `mouflow.domain.dates`, `drafting.check_new_draft`): only validators and the API run those, and
validators never run on replay.
"""

from mouflow.domain.state import MouState

FIRST_RULES = 1  # histories before editions existed: sign any time, one officer terminates at once
CEREMONY_AND_NOTICE = 2  # signatures from the ceremony's start or in counterpart; termination by notice
CURRENT_RULES = CEREMONY_AND_NOTICE
RULES_PATCH = "rules-ceremony-and-notice-v2"


def signs_at_ceremony(state: MouState) -> bool:
    return state.rules >= CEREMONY_AND_NOTICE


def terminates_by_notice(state: MouState) -> bool:
    return state.rules >= CEREMONY_AND_NOTICE


def reopens_explicitly(state: MouState) -> bool:
    return state.rules >= CEREMONY_AND_NOTICE
