"""Problems found in standards files, and the error raised when a tree with problems is loaded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a standards file, in words its author can act on.

    ``file`` is the path as given to the loader (relative to the standards root when checked as a
    tree); ``location`` is a path into the data such as ``standards[2].criteria[1].code``, with
    list positions counted from 0 (empty for the file as a whole); ``line`` is 1-based when known.
    """

    file: str
    location: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.location}: {self.message}" if self.location else f"{where}: {self.message}"


class StandardsError(Exception):
    """Raised by ``load_all`` when the standards tree has problems; ``problems`` lists them all."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        summary = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the standards files:\n{summary}")
