"""Loading the whole tree: versions, the current version, and the content hash behind immutability."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from registry.standards import MediatorStandards, content_hash, load_all, version_key

NEXT = Path(__file__).resolve().parent / "fixtures" / "next"


def test_versions_compare_as_numbers() -> None:
    assert sorted(["1.10", "1.9", "2.0", "1.0"], key=version_key) == ["1.0", "1.9", "1.10", "2.0"]


def test_current_is_the_highest_version_and_older_ones_stay_readable(standards_copy: Path) -> None:
    shutil.copy(NEXT / "mediator-standards/1.1.yaml", standards_copy / "mediator-standards/1.1.yaml")
    library = load_all(standards_copy)
    assert library.versions("mediator-standards") == ("1.0", "1.1")
    assert library.current_version("mediator-standards") == "1.1"
    assert library.current("mediator-standards").version == "1.1"
    assert library.mediator_standards("1.0").criterion("MS-4.4") is not None
    assert library.mediator_standards().criterion("MS-4.4") is None


def test_one_point_ten_is_newer_than_one_point_nine(standards_copy: Path) -> None:
    source = (standards_copy / "vocabularies/1.0.yaml").read_text()
    for version in ("1.9", "1.10"):
        text = source.replace('version: "1.0"', f'version: "{version}"')
        (standards_copy / f"vocabularies/{version}.yaml").write_text(text)
    library = load_all(standards_copy)
    assert library.versions("vocabularies") == ("1.0", "1.9", "1.10")
    assert library.vocabularies().version == "1.10"


def test_unknown_versions_and_families_raise_key_error(shipped: Path) -> None:
    library = load_all(shipped)
    with pytest.raises(KeyError):
        library.get("mediator-standards", "9.9")
    with pytest.raises(KeyError):
        library.current("no-such-family")


def test_get_returns_the_typed_document(shipped: Path) -> None:
    library = load_all(shipped)
    assert isinstance(library.get("mediator-standards", "1.0"), MediatorStandards)
    assert library.parsed("cpd-scheme", "1.0").content_hash == content_hash(shipped / "cpd-scheme/1.0.yaml")


def test_content_hash_changes_with_any_edit_but_not_line_endings(tmp_path: Path, shipped: Path) -> None:
    original = (shipped / "cpd-scheme/1.0.yaml").read_bytes()
    path = tmp_path / "1.0.yaml"
    path.write_bytes(original)
    published = content_hash(path)
    assert len(published) == 64

    path.write_bytes(original.replace(b"\n", b"\r\n"))
    assert content_hash(path) == published

    path.write_bytes(original + b"# a comment\n")
    assert content_hash(path) != published

    path.write_bytes(original.replace(b"minimum_hours: 10", b"minimum_hours: 12", 1))
    assert content_hash(path) != published
