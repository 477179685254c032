"""What changed between mediator standards 1.0 and the 1.1 test fixture."""

from __future__ import annotations

from pathlib import Path

from registry.standards import MediatorStandards, diff_versions, load_family_file
from registry.standards.diff import code_key

SHIPPED = Path(__file__).resolve().parents[2] / "standards"
NEXT = Path(__file__).resolve().parent / "fixtures" / "next"


def read(path: Path) -> MediatorStandards:
    parsed = load_family_file(path)
    assert parsed.problems == ()
    assert isinstance(parsed.document, MediatorStandards)
    return parsed.document


def test_added_removed_and_reworded_criteria() -> None:
    old = read(SHIPPED / "mediator-standards/1.0.yaml")
    new = read(NEXT / "mediator-standards/1.1.yaml")
    changes = diff_versions(old, new)
    assert [(c.kind, c.code) for c in changes] == [("removed", "MS-4.4"), ("added", "MS-5.5"), ("reworded", "MS-7.3")]
    removed, added, reworded = changes
    assert removed.old is not None and removed.new is None
    assert added.old is None and added.new is not None and added.new.title == "Papers the parties share"
    assert reworded.fields == ("statement",)
    assert reworded.old and reworded.new and reworded.old.title == reworded.new.title


def test_same_version_has_no_changes() -> None:
    standards = read(SHIPPED / "mediator-standards/1.0.yaml")
    assert diff_versions(standards, standards) == []


def test_codes_sort_numerically() -> None:
    assert sorted(["MS-10.1", "MS-2.10", "MS-2.9", "MS-1.1"], key=code_key) == [
        "MS-1.1",
        "MS-2.9",
        "MS-2.10",
        "MS-10.1",
    ]
