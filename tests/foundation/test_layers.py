"""The domain layer never reads the request: callers pass the actor and the input."""

from __future__ import annotations

import re

from registry.config import PROJECT_ROOT

FORBIDDEN = re.compile(
    r"^\s*from flask import .*\b(request|session|g)\b|^\s*import flask_login|^\s*from flask_login", re.M
)


def test_domain_and_models_do_not_touch_the_request() -> None:
    offenders = [
        str(path.relative_to(PROJECT_ROOT))
        for folder in ("registry/domain", "registry/models", "registry/standards")
        for path in (PROJECT_ROOT / folder).rglob("*.py")
        if FORBIDDEN.search(path.read_text())
    ]
    assert offenders == []
