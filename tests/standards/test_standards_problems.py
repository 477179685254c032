"""Broken standards files: each problem names the file, the place in it and, where it can, the line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from registry.standards import Problem, check_tree, load_all, load_family_file
from registry.standards.problems import StandardsError

BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"


def problems_in(case: str) -> list[Problem]:
    (path,) = (BROKEN / case).glob("*/*.yaml")
    parsed = load_family_file(path, str(path.relative_to(BROKEN)))
    assert parsed.document is None
    return list(parsed.problems)


@pytest.mark.parametrize(
    ("case", "location", "line", "words"),
    [
        ("missing-code", "standards[0].criteria[1].code", 16, "required but is missing"),
        ("duplicate-code", "standards[0].criteria[1].code", 16, "code 'MS-2.1' is used more than once"),
        ("unknown-category", "requirements[1].category", 31, "unknown log category 'send_law'"),
        ("negative-hours", "requirements[2].minimum_hours", 36, "hours cannot be negative"),
        ("non-numeric-hours", "caps[0].maximum_hours", 40, "must be a number"),
        ("family-mismatch", "family", 2, "sits in the 'cpd-scheme' folder"),
        ("version-mismatch", "version", 3, "is named 1.1.yaml"),
    ],
)
def test_each_broken_fixture_reports_one_clear_problem(case: str, location: str, line: int, words: str) -> None:
    (problem,) = problems_in(case)
    assert problem.file.startswith(f"{case}/")
    assert (problem.location, problem.line) == (location, line)
    assert words in problem.message
    assert str(problem).startswith(f"{problem.file}:{line}: {location}: ")


def test_bad_yaml_names_both_lines() -> None:
    (problem,) = problems_in("bad-yaml")
    assert problem.line == 17
    assert "not valid YAML" in problem.message and "starts at line 13" in problem.message


def test_unknown_family_folder() -> None:
    (problem,) = problems_in("unknown-family")
    assert "'mediation-rules' is not a standards family" in problem.message


def test_tree_reports_unknown_family_folder_and_stray_files(standards_copy: Path) -> None:
    shutil.copytree(BROKEN / "unknown-family" / "mediation-rules", standards_copy / "mediation-rules")
    (standards_copy / "1.0.yaml").write_text("family: cpd-scheme\n")
    (standards_copy / "README.md").write_text("Not a standards file, so ignored.\n")
    messages = {p.file: p.message for p in check_tree(standards_copy)}
    assert set(messages) == {"standards/mediation-rules", "standards/1.0.yaml"}
    assert "not a standards family" in messages["standards/mediation-rules"]
    assert "family folder" in messages["standards/1.0.yaml"]


def test_tree_reports_a_missing_family(standards_copy: Path) -> None:
    shutil.rmtree(standards_copy / "vocabularies")
    (problem,) = check_tree(standards_copy)
    assert problem.file == "standards/vocabularies"


def test_cross_file_references_must_exist(standards_copy: Path) -> None:
    shutil.copy(BROKEN / "unknown-references/training-criteria/1.0.yaml", standards_copy / "training-criteria/1.0.yaml")
    problems = check_tree(standards_copy)
    assert [(p.file, p.location, p.line) for p in problems] == [
        ("standards/training-criteria/1.0.yaml", "levels[1].must_cover[14]", 96),
        ("standards/training-criteria/1.0.yaml", "levels[2].log_categories[5]", 127),
    ]
    assert "MS-99.1 is not a criterion in mediator-standards 1.0" in problems[0].message
    assert "'knitting' is not a log category in cpd-scheme 1.0" in problems[1].message


def test_referenced_version_must_exist(standards_copy: Path) -> None:
    path = standards_copy / "training-criteria/1.0.yaml"
    path.write_text(path.read_text().replace('cpd_scheme_version: "1.0"', 'cpd_scheme_version: "2.0"'))
    (problem,) = check_tree(standards_copy)
    assert problem.location == "cpd_scheme_version"
    assert "cpd-scheme 2.0 does not exist" in problem.message


def test_load_all_refuses_a_tree_with_problems(standards_copy: Path) -> None:
    shutil.copy(BROKEN / "negative-hours/cpd-scheme/1.0.yaml", standards_copy / "cpd-scheme/1.0.yaml")
    with pytest.raises(StandardsError) as raised:
        load_all(standards_copy)
    assert [p.location for p in raised.value.problems] == ["requirements[2].minimum_hours"]
    assert "standards/cpd-scheme/1.0.yaml:36" in str(raised.value)


def write(tmp_path: Path, family: str, text: str, version: str = "1.0") -> Path:
    folder = tmp_path / family
    folder.mkdir(exist_ok=True)
    path = folder / f"{version}.yaml"
    path.write_text(text)
    return path


VOCABULARIES = """\
family: vocabularies
version: "1.0"
title: Lists
published_on: 2026-11-27
summary: Test.
specialisms:
  - code: post_16
    title: Young people
formats:
  - code: video
    title: Video
languages:
  - code: en
    title: English
"""


def test_a_minimal_file_loads(tmp_path: Path) -> None:
    parsed = load_family_file(write(tmp_path, "vocabularies", VOCABULARIES))
    assert parsed.problems == ()
    assert parsed.document is not None and parsed.document.version == "1.0"


@pytest.mark.parametrize(
    ("old", "new", "location", "words"),
    [
        ('version: "1.0"', "version: 1.0", "version", "write the version in quotes"),
        ("    title: English", "    titel: English", "languages[0].titel", "unknown field 'titel'"),
        ("    title: English", "    titel: English", "languages[0].title", "required but is missing"),
        ("  - code: en", "  - code: English", "languages[0].code", "expected one like en"),
        ("summary: Test.", "summary: Test.\nsummary: Again.", "summary", "appears twice"),
        ("published_on: 2026-11-27", "published_on: soon", "published_on", "expected a date"),
        ("specialisms:\n  - code: post_16\n    title: Young people", "specialisms: []", "specialisms", "list is empty"),
        ("formats:\n  - code: video", "formats:\n  - &f\n    code: video", "", ""),
    ],
)
def test_field_problems(tmp_path: Path, old: str, new: str, location: str, words: str) -> None:
    assert old in VOCABULARIES
    parsed = load_family_file(write(tmp_path, "vocabularies", VOCABULARIES.replace(old, new)))
    if not location:  # an anchor on its own is harmless
        assert parsed.problems == ()
        return
    problem = next(p for p in parsed.problems if p.location == location)
    assert words in problem.message and problem.line is not None


def test_aliases_are_refused(tmp_path: Path) -> None:
    text = VOCABULARIES.replace(
        "formats:\n  - code: video\n    title: Video", "formats:\n  - &f {code: video, title: V}"
    )
    text = text.replace("languages:\n  - code: en\n    title: English", "languages:\n  - *f")
    (problem,) = load_family_file(write(tmp_path, "vocabularies", text)).problems
    assert problem.location == "languages[0]" and "aliases" in problem.message


def test_empty_file_and_bad_file_name(tmp_path: Path) -> None:
    (empty,) = load_family_file(write(tmp_path, "vocabularies", "# nothing yet\n")).problems
    assert empty.message == "the file is empty"
    messages = [p.message for p in load_family_file(write(tmp_path, "vocabularies", VOCABULARIES, "draft")).problems]
    assert any("name the file after its version" in m for m in messages)


def test_requirement_above_its_cap_is_unreachable(tmp_path: Path) -> None:
    text = (
        (BROKEN / "unknown-category/cpd-scheme/1.0.yaml")
        .read_text()
        .replace("send_law\n", "send_law_policy_practice\n")
    )
    text = text.replace(
        "  - code: SUP-1",
        "  - code: CPD-3\n    label: Reading\n    kind: cpd\n    category: self_directed_reading\n"
        "    minimum_hours: 4\n  - code: SUP-1",
    )
    (problem,) = load_family_file(write(tmp_path, "cpd-scheme", text)).problems
    assert problem.location == "requirements[2].minimum_hours" and "at most 3 count" in problem.message


def test_category_must_belong_to_the_requirement_kind(tmp_path: Path) -> None:
    text = (BROKEN / "unknown-category/cpd-scheme/1.0.yaml").read_text().replace("send_law\n", "one_to_one\n")
    (problem,) = load_family_file(write(tmp_path, "cpd-scheme", text)).problems
    assert problem.location == "requirements[1].category"
    assert "belongs to kind 'supervision', not 'cpd'" in problem.message
