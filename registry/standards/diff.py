"""What changed between two versions of the mediator standards, criterion by criterion."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from registry.standards.model import Criterion, MediatorStandards

ChangeKind = Literal["added", "removed", "reworded"]
COMPARED_FIELDS = ("title", "statement", "evidence")


@dataclass(frozen=True)
class Change:
    """One criterion that differs. ``old`` is None when added, ``new`` is None when removed;
    ``fields`` names what was reworded (some of title, statement, evidence)."""

    kind: ChangeKind
    code: str
    old: Criterion | None
    new: Criterion | None
    fields: tuple[str, ...] = ()


def diff_versions(old: MediatorStandards, new: MediatorStandards) -> list[Change]:
    """Added, removed and reworded criteria, matched by code and listed in code order (MS-2.10 after MS-2.9).

    A criterion whose code is unchanged is the same criterion, even if it moved within its standard.
    """
    before = {criterion.code: criterion for criterion in old.criteria()}
    after = {criterion.code: criterion for criterion in new.criteria()}
    changes = []
    for code in sorted(before.keys() | after.keys(), key=code_key):
        was, now = before.get(code), after.get(code)
        if was is None:
            changes.append(Change("added", code, None, now))
        elif now is None:
            changes.append(Change("removed", code, was, None))
        else:
            fields = tuple(name for name in COMPARED_FIELDS if getattr(was, name) != getattr(now, name))
            if fields:
                changes.append(Change("reworded", code, was, now, fields))
    return changes


def code_key(code: str) -> tuple[str | int, ...]:
    """Sort key that orders the numbers inside a code numerically."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code))
