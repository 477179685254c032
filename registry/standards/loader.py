"""Reading standards files from disk: one file (``load_family_file``) or a whole tree (``check_tree``).

A tree is ``<root>/<family>/<version>.yaml``: the folder names the family, the file name the
version, and both must agree with the ``family`` and ``version`` written inside the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from registry.standards.crossrefs import check_references
from registry.standards.families import FAMILIES
from registry.standards.model import CONSULTATION, Document
from registry.standards.problems import Problem
from registry.standards.schema import VERSION, Fields
from registry.standards.source import Source, child, content_hash, content_hash_of, line_of, read_source, read_text

# Families whose drafts may go to consultation: those whose changes are read criterion by criterion
# (registry.standards.diff). The others are published directly, as before.
CONSULTED_FAMILIES = ("mediator-standards",)


@dataclass(frozen=True)
class ParsedStandard:
    """One file as read: ``document`` is the typed object, or None when ``problems`` is not empty.

    ``family`` and ``version`` come from the file's path; ``content_hash`` is what the importer
    records to keep a published version immutable; ``data`` is the plain parsed YAML.
    """

    path: Path
    file: str
    family: str
    version: str
    content_hash: str
    document: Document | None
    problems: tuple[Problem, ...]
    data: Any = None
    lines: Mapping[str, int] = field(default_factory=dict, repr=False)

    def line_of(self, location: str) -> int | None:
        return line_of(self.lines, location)

    @property
    def is_draft(self) -> bool:
        """A draft in consultation (``status: consultation``), read as such even when it has problems."""
        return isinstance(self.data, dict) and self.data.get("status") == CONSULTATION


def load_family_file(path: Path, file: str | None = None) -> ParsedStandard:
    """Read and validate one ``<family>/<version>.yaml`` file. ``file`` is the name used in problems."""
    path = Path(path)
    return _parse(path, file or str(path), read_source(path, file or str(path)))


def load_family_text(family: str, version: str, text: str) -> ParsedStandard:
    """Read and validate a file's text as if it were ``<family>/<version>.yaml`` (a draft whose file
    has since been replaced by the published version is read from the text the register kept)."""
    path = Path(family) / f"{version}.yaml"
    return _parse(path, str(path), read_text(text, str(path)), content_hash_of(text))


def _parse(path: Path, file: str, source: Source, hashed: str | None = None) -> ParsedStandard:
    family, version = path.parent.name, path.stem
    problems: list[Problem] = []
    if path.suffix != ".yaml":
        problems.append(Problem(file, "", f"standards files must end in .yaml (rename to {path.stem}.yaml)"))
    if family not in FAMILIES:
        problems.append(Problem(file, "", f"'{family}' is not a standards family; {_expected_families()}"))
    if not VERSION.match(version):
        problems.append(Problem(file, "", f"name the file after its version, like 1.0.yaml, not {path.name}"))
    problems += source.problems
    document = None
    if source.data is None and not source.problems:
        problems.append(Problem(file, "", "the file is empty"))
    elif source.data is not None and family in FAMILIES:
        fields = Fields(source)
        document = FAMILIES[family](fields, source.data)
        check_unique_codes(fields, source.data)
        _check_path_agrees(fields, document, family, version)
        if document.is_draft and family not in CONSULTED_FAMILIES:
            fields.problem("status", f"only {', '.join(CONSULTED_FAMILIES)} can be consulted on for now")
        problems += fields.problems
    problems.sort(key=lambda problem: problem.line or 0)
    return ParsedStandard(
        path=path,
        file=file,
        family=family,
        version=version,
        content_hash=hashed or (content_hash(path) if path.is_file() else ""),
        document=None if problems else document,
        problems=tuple(problems),
        data=source.data,
        lines=source.lines,
    )


def scan_tree(root: Path) -> tuple[list[ParsedStandard], list[Problem]]:
    """Every standards file under ``root``, and every problem in the tree (files, layout, references)."""
    root = Path(root)
    if not root.is_dir():
        return [], [Problem(str(root), "", "the standards folder does not exist")]
    parsed: list[ParsedStandard] = []
    problems: list[Problem] = []
    for entry in sorted(root.iterdir()):
        label = _label(root, entry)
        if entry.name.startswith("."):
            continue
        if entry.is_file() and entry.suffix in {".yaml", ".yml"}:
            problems.append(
                Problem(label, "", "put each standards file in its family folder, like cpd-scheme/1.0.yaml")
            )
        elif entry.is_dir() and entry.name not in FAMILIES:
            problems.append(Problem(label, "", f"'{entry.name}' is not a standards family; {_expected_families()}"))
        elif entry.is_dir():
            files = sorted(p for p in entry.iterdir() if p.suffix in {".yaml", ".yml"} and not p.name.startswith("."))
            parsed += [load_family_file(path, _label(root, path)) for path in files]
    present = {p.family for p in parsed if not p.is_draft}
    for family in FAMILIES:
        if family not in present:
            problems.append(Problem(_label(root, root / family), "", "no published version of this family was found"))
    for item in parsed:
        problems += item.problems
    problems += check_references(parsed)
    return parsed, problems


def check_tree(root: Path) -> list[Problem]:
    """Every problem in the standards tree at ``root``; an empty list means it is fit to import."""
    return scan_tree(root)[1]


def _check_path_agrees(fields: Fields, document: Document, family: str, version: str) -> None:
    if document.family and document.family != family:
        fields.problem("family", f"the file says family '{document.family}' but sits in the '{family}' folder")
    if document.version and document.version != version:
        fields.problem("version", f"the file says version '{document.version}' but is named {version}.yaml")


def check_unique_codes(fields: Fields, data: Any) -> None:
    """Report every ``code`` value used more than once anywhere in the file."""
    first: dict[str, str] = {}

    def walk(value: Any, location: str) -> None:
        if isinstance(value, dict):
            code = value.get("code")
            if isinstance(code, str):
                here = child(location, "code")
                if code in first:
                    line = fields.source.line_of(first[code])
                    fields.problem(here, f"code '{code}' is used more than once (first at {first[code]}, line {line})")
                else:
                    first[code] = here
            for key, item in value.items():
                walk(item, child(location, str(key)))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, child(location, index))

    walk(data, "")


def _label(root: Path, path: Path) -> str:
    return str(path.relative_to(root.parent)) if root.parent != root else str(path)


def _expected_families() -> str:
    return f"expected one of: {', '.join(FAMILIES)}"
