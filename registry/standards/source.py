"""Reading one YAML file into plain data plus a map of where each value sits in the file.

PyYAML's composed nodes carry line marks, so the map is built from the node tree before it is
constructed into Python objects. Duplicate mapping keys, which PyYAML would silently collapse,
are reported here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from registry.standards.problems import Problem


def content_hash(path: Path) -> str:
    """SHA-256 (hex) of the file's bytes, with CRLF line endings read as LF.

    The raw bytes are hashed, not the parsed data, so that a published file is frozen byte for byte:
    even a comment or whitespace edit changes the hash and needs a new version. Line endings are the
    one exception, so that a checkout that converts them (git ``autocrlf``) does not look like an edit.
    """
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def content_hash_of(text: str) -> str:
    """``content_hash`` of a file's text (as read, UTF-8)."""
    return hashlib.sha256(text.encode().replace(b"\r\n", b"\n")).hexdigest()


@dataclass
class Source:
    """A YAML file's data and the 1-based line of every location in it (see ``line_of``)."""

    file: str
    data: Any = None
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, location: str) -> int | None:
        return line_of(self.lines, location)


def line_of(lines: Mapping[str, int], location: str) -> int | None:
    """The line of ``location``, or of its nearest enclosing value when it is missing."""
    while True:
        if location in lines:
            return lines[location]
        if not location:
            return None
        location = _parent(location)


def read_source(path: Path, file: str) -> Source:
    """Parse ``path``; a YAML syntax error becomes a problem with its line, not an exception."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        source = Source(file=file)
        source.problems.append(Problem(file, "", f"the file could not be read as UTF-8 text ({exc})"))
        return source
    return read_text(text, file)


def read_text(text: str, file: str) -> Source:
    """``read_source`` of text already read (a draft kept in the database once its file is replaced)."""
    source = Source(file=file)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None and _map_lines(node, "", source, set()):
            source.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        source.problems.append(_syntax_problem(file, exc))
    except yaml.YAMLError as exc:
        source.problems.append(Problem(file, "", f"the file is not valid YAML: {exc}"))
    finally:
        loader.dispose()
    return source


def _syntax_problem(file: str, exc: yaml.MarkedYAMLError) -> Problem:
    """Name the line where PyYAML gave up and, when it differs, the line where the broken value began."""
    mark = exc.problem_mark or exc.context_mark
    message = f"the file is not valid YAML: {exc.problem or exc.context}"
    if mark is not None:
        message += f" at line {mark.line + 1}, column {mark.column + 1}"
    if exc.context and exc.context_mark is not None and exc.context_mark is not mark:
        message += f", {exc.context} that starts at line {exc.context_mark.line + 1}"
    return Problem(file, "", message, mark.line + 1 if mark else None)


def _map_lines(node: yaml.Node, location: str, source: Source, seen_nodes: set[int]) -> bool:
    """Record the line of ``location`` and everything under it; False if the file uses an alias."""
    source.lines.setdefault(location, node.start_mark.line + 1)
    if id(node) in seen_nodes:
        message = "anchors and aliases (&name, *name) are not allowed in standards files; write the value out"
        source.problems.append(Problem(source.file, location, message, node.start_mark.line + 1))
        return False
    seen_nodes.add(id(node))
    ok = True
    if isinstance(node, yaml.MappingNode):
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_location, line = child(location, key), key_node.start_mark.line + 1
            if key in first_seen:
                message = f"'{key}' appears twice in the same block (first on line {first_seen[key]}); keep one"
                source.problems.append(Problem(source.file, key_location, message, line))
                continue
            first_seen[key] = line
            source.lines[key_location] = line
            ok = _map_lines(value_node, key_location, source, seen_nodes) and ok
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            ok = _map_lines(item, child(location, index), source, seen_nodes) and ok
    return ok


def _parent(location: str) -> str:
    cut = max(location.rfind("."), location.rfind("["))
    return location[:cut] if cut > 0 else ""


def child(location: str, key: str | int) -> str:
    """The location of ``key`` (a field name or list position) inside ``location``."""
    if isinstance(key, int):
        return f"{location}[{key}]"
    return f"{location}.{key}" if location else key
