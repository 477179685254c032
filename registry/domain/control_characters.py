"""The one rule for control characters in text people send: page forms, CSV uploads and API JSON.

PostgreSQL cannot hold NUL (U+0000) in text, and no one means to type the other C0 control
characters or DEL: they arrive pasted from other systems or sent on purpose. So they are refused,
with the field (or row and column) they were found in, before anything is saved:

- U+0000–U+0008, U+000B, U+000C, U+000E–U+001F and U+007F, in any text;
- tab, line feed and carriage return too, except in multi-line text (a text area, a CSV cell).
"""

from __future__ import annotations

import re

# A regular expression for text with none: the API documents it as the ``pattern`` of its strings.
SINGLE_LINE_PATTERN = r"^[^\x00-\x1f\x7f]*$"
_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f]")
_MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MESSAGE = "Remove the control character from {name}"


def control_character_in(text: str, *, multi_line: bool = False) -> str | None:
    """The first control character ``text`` may not hold, or None when it holds none."""
    found = (_MULTI_LINE if multi_line else _SINGLE_LINE).search(text)
    return found.group() if found else None


def refusal(name: str) -> str:
    """The message for a control character found in the answer called ``name`` (a label or a column)."""
    return MESSAGE.format(name=name)
