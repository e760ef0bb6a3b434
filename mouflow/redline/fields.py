"""Plain values of a draft (term, effective date, notice, a milestone's owner), old against new."""

from typing import TypeVar

from mouflow.redline.models import Change

T = TypeVar("T")


def changed_value(old: T, new: T) -> Change[T] | None:
    """None when the value stayed the same."""
    return None if old == new else Change(old=old, new=new)
