"""Which edition of the rules an MoU lives under, and what a rule may change once histories hold it.

On replay the workflow runs every `apply_*` (and `drafting.start_mou`) again over the actions its
history holds, but no Update validator: Temporal does not run validators on replay. An action was
accepted by the checks of its day. Were its `apply_*` to run those checks again, a check tightened since
would refuse on replay what the recorded run accepted: the replayed run diverges from the recorded one,
its workflow task fails (non-determinism), and the MoU never moves again.

The policy, which tests/domain/test_replay_policy.py holds the code to:

1. The validators' checks (`check_*`, `check_new_*`; `drafting.check_start` for the API's start) judge
   new actions only: who may act (party, role, owner: `mouflow.domain.access`, a milestone's owner,
   `paperwork.may_request`), what was typed (a request for changes names what to change, a draft's size,
   every date window of `mouflow.domain.dates`, a ceremony in the future) and when (a signature from the
   ceremony's start). Any of these may tighten or loosen at any time, with no edition: it binds the
   actions sent from then on, never history.
2. An `apply_*` checks again only what its transition needs, which never changes: the stage allows it;
   the version, milestone or document it names is the one in play; it was not done already; the plan
   stays consistent (ids unique, each owned by a party). Each module writes these once, in a function the
   check and the apply share (the check runs it after who may act, so refusals keep their order). They
   keep a state whole against an action applied without its validator; who acted and what they typed
   they do not judge: the actor and the parties cannot change between a validator and its handler.
3. What does change the replay goes behind an edition, `MouState.rules`: a change to what an `apply_*`
   does with an action (termination by notice instead of at once), or to a need of rule 2 (an approved
   version reopened explicitly before it is edited). A check of rule 1 takes an edition only when MoUs
   agreed under older rules should keep the older rule for their new actions too (the ways of signing).
4. What only adds to the state, and changes no command the workflow sends, needs neither an edition nor a
   patch: a review's comments (`mouflow.domain.discussion`) are kept in the state and shown, and nothing the
   workflow decides reads them. An old history replays to the same commands, its state gaining the comments
   its reviews made, which the drafter may then answer. A patch here would harm: `workflow.patched` answers
   once per run, so a run whose first review came before the change would drop every comment until it
   continued as new.

Editions: a new MoU starts under `CEREMONY_AND_NOTICE`, and a carried state not yet signed is raised to it
at continue-as-new (a signed MoU keeps the rules it was agreed under); the workflow does both behind
`workflow.patched(RULES_PATCH)`, which is off while old histories replay. Each later edition gets a patch
of its own and names its own number, never `CURRENT_RULES`, so a history replays to the same one. An MoU
that history started under an older edition keeps it for the rest of that run, so its actions replay
exactly as they were applied.
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
