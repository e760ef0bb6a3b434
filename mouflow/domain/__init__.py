"""Domain rules for an MoU: plain functions over plain models, no I/O, no clocks of their own.

Every rule takes the current time as an argument so the workflow can pass `workflow.now()`
and unit tests can pass any instant they like. Which rules may change once histories hold the actions
they judged, and how: `mouflow.domain.rules`.
"""
