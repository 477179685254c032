"""Public answers kept once made: which views may be kept, and how a kept answer is stored.

The register changes a few times an hour and is read all day. A view marked ``@cached`` says its
anonymous answers may be kept; ``registry.fast_lane`` keeps the finished answer under the register's
version (``registry.register_version``), day and address, and serves it again, before Flask, to the
next anonymous request for the same address on any process or host, until the register changes.

What may be kept: the answer to a GET with no session cookie and no ``Authorization``, that is a
200, sets no cookie and is not streamed. Nothing personal, then, and nothing that changes without
the register changing — apart from the day, which is part of the key (status answers change at
midnight when an accreditation runs out).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar, cast

from flask import make_response, request

F = TypeVar("F", bound=Callable[..., Any])

SECONDS = 24 * 3600  # how long a kept answer may stay in Redis (its key changes with every change anyway)
CACHEABLE = "registry.representations.cacheable"  # set in the WSGI environ by a @cached view


def cached(view: F) -> F:
    """Mark a public view whose anonymous answers may be kept (``registry.fast_lane`` keeps and serves them)."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        response = make_response(view(*args, **kwargs))
        if response.status_code == 200 and not response.is_streamed and request.url_rule is not None:
            request.environ[CACHEABLE] = request.url_rule.rule
        return response

    return cast(F, wrapper)


@dataclass(frozen=True)
class Entry:
    """A finished answer as kept: its headers (all but what is made afresh for each request), the
    route it came from (for the request log), and its body."""

    headers: list[tuple[str, str]]
    route: str
    body: bytes

    def encode(self) -> bytes:
        head = json.dumps({"headers": self.headers, "route": self.route}).encode()
        return len(head).to_bytes(4, "big") + head + self.body

    @classmethod
    def decode(cls, data: bytes) -> Entry:
        length = int.from_bytes(data[:4], "big")
        head = json.loads(data[4 : 4 + length])
        return cls([(name, value) for name, value in head["headers"]], head["route"], data[4 + length :])
