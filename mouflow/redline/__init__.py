"""The redline between two versions of an MoU's content: plain functions, no I/O.

`compare.redline(old, new)` is the entry point and `models` its result. A text is split into `tokens`
(English words, Chinese characters), aligned by `alignment` and cut into `runs` of shared and changed text
by `text_diff`, one language at a time (`bilingual`). Clauses and scope areas have no ids: `matching` pairs
them by content among the `candidates` worth comparing, `placement` orders and labels them, `items` does
both lists alike and `clauses` names them. Milestones are matched by id (`plan`); `fields` compares plain
values; `authenticity` lists the texts changed in one language only; `summary` counts.
"""
