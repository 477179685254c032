"""One id per request, from the caller's ``X-Request-ID`` when it is a sane token, else a new one.

The id goes back on the response, into every log record of the request and onto the 500 page, so a
person quoting it, a proxy's log and ours all meet. A caller's value is used only when it is 1 to 64
ASCII letters, digits, ``.``, ``_`` or ``-``: anything else (spaces, quotes, line breaks, other
scripts, or just long) is never echoed into a log or a header, and the request gets a fresh id.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from flask import has_request_context, request

HEADER = "X-Request-ID"
_ENVIRON_KEY = "registry.request_id"
_SANE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def is_sane(value: str) -> bool:
    return _SANE.fullmatch(value) is not None


def current_request_id() -> str:
    """This request's id, decided on first use and the same for the rest of the request. Kept in the
    WSGI environ rather than ``g``, which an app context shared by several requests would carry over."""
    return request_id_of(request.environ)


def request_id_of(environ: dict[str, Any]) -> str:
    """The id of the request whose WSGI environ this is (for code that runs before Flask)."""
    if _ENVIRON_KEY not in environ:
        given = environ.get("HTTP_X_REQUEST_ID", "")
        environ[_ENVIRON_KEY] = given if is_sane(given) else uuid.uuid4().hex
    return str(environ[_ENVIRON_KEY])


def request_id_or_none() -> str | None:
    """The id inside a request; None outside one (a CLI command, start-up)."""
    return current_request_id() if has_request_context() else None
