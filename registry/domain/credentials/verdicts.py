"""What a verifier of a signed document answers (``verification``): a ``Verdict`` in plain words, and
the ``Context`` it checks in. Every verifier (``vc`` for credentials and status lists, and any
other kind added to ``verification.VERIFIERS``) imports these from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

VALID, STATUS_NOT_CHECKED, REVOKED, SUSPENDED, EXPIRED, NOT_YET_VALID, NOT_SIGNED, UNKNOWN_KIND = (
    "valid",
    "status_not_checked",
    "revoked",
    "suspended",
    "expired",
    "not_yet_valid",
    "not_signed_by_register",
    "unknown_kind",
)
OUTCOMES = (VALID, STATUS_NOT_CHECKED, REVOKED, SUSPENDED, EXPIRED, NOT_YET_VALID, NOT_SIGNED, UNKNOWN_KIND)


@dataclass(frozen=True)
class ListedStatus:
    """A status list as a verifier holds it: its encoded bits and the time it is valid from."""

    encoded: str
    valid_from: str


#: the status list a credential names (its ``statusListCredential`` address), or None when not held
StatusLists = Callable[[str], ListedStatus | None]


@dataclass(frozen=True)
class Context:
    status_lists: StatusLists
    now: datetime
    offline: bool = False


@dataclass
class Verdict:
    signed_by_register: bool
    outcome: str
    headline: str
    kind: str = ""
    kid: str | None = None
    facts: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    payload: dict[str, Any] | None = None

    @property
    def good(self) -> bool:
        return self.signed_by_register and self.outcome == VALID


Verifier = Callable[[dict[str, Any], dict[str, Any], Context], Verdict]
