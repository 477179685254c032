"""Registration numbers: ``SM-004217-2`` for mediators, ``TP-…`` for training programmes.

Six digits and an ISO 7064 MOD 11-2 check character (``0``–``9`` or ``X``, as ORCID uses), which
catches every single-character substitution and every swap of adjacent characters. Input is
accepted in any case, with or without hyphens and spaces. A number with a wrong check character
is *invalid* (mistyped), which callers must report differently from "not found".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PREFIXES = ("SM", "TP")
WHOSE = {"SM": "A mediator's", "TP": "A training programme's"}  # for the message naming the wrong prefix
_LOOSE = re.compile(r"^([A-Z]{2})(\d{6})([0-9X])$")


class InvalidRegistrationNumber(ValueError):
    """The text is not a well-formed number, or its check character is wrong."""


def check_character(digits: str) -> str:
    total = 0
    for ch in digits:
        total = (total + int(ch)) * 2
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


@dataclass(frozen=True)
class RegistrationNumber:
    prefix: str
    serial: int

    def __str__(self) -> str:
        digits = f"{self.serial:06d}"
        return f"{self.prefix}-{digits}-{check_character(digits)}"


def format_number(prefix: str, serial: int) -> str:
    if prefix not in PREFIXES:
        raise ValueError(f"unknown prefix {prefix!r}")
    if not 0 < serial < 1_000_000:
        raise ValueError("serial must be between 1 and 999999")
    return str(RegistrationNumber(prefix, serial))


def parse(text: str, prefix: str | None = None) -> RegistrationNumber:
    """Parse loosely-typed input; raise InvalidRegistrationNumber with a message people can act on."""
    compact = re.sub(r"[\s\-‐‑–—]", "", text or "").upper()
    match = _LOOSE.match(compact)
    if not match or match.group(1) not in PREFIXES:
        raise InvalidRegistrationNumber(
            "Enter a registration number in the form SM-123456-7 (the last character may be X)"
        )
    found_prefix, digits, check = match.groups()
    if prefix is not None and found_prefix != prefix:
        raise InvalidRegistrationNumber(f"{WHOSE[prefix]} number starts with {prefix}-, not {found_prefix}-")
    if check_character(digits) != check or int(digits) == 0:
        raise InvalidRegistrationNumber("Check the number — it looks mistyped")
    return RegistrationNumber(found_prefix, int(digits))


def normalise(text: str, prefix: str | None = None) -> str:
    """The canonical form of a loosely-typed number, e.g. ``sm 004217 2`` → ``SM-004217-2``."""
    return str(parse(text, prefix))


def is_valid(text: str, prefix: str | None = None) -> bool:
    try:
        parse(text, prefix)
    except InvalidRegistrationNumber:
        return False
    return True
