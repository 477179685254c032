"""The domain layer never reads the request: callers pass the actor and the input.

The layer direction, and "never flask_login", are import-linter contracts in pyproject.toml.
import-linter sees only whole external packages, so reading Flask's request, session or g
(which the domain's ``from flask import current_app`` shares a package with) is checked here,
from the syntax tree, so an import over several lines or ``flask.request`` is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from registry.config import PROJECT_ROOT

REQUEST_STATE = {"request", "session", "g"}


def _reads_request_state(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module == "flask":
            if any(alias.name in REQUEST_STATE for alias in node.names):
                return True
        if isinstance(node, ast.Attribute) and node.attr in REQUEST_STATE:
            if isinstance(node.value, ast.Name) and node.value.id == "flask":
                return True
    return False


def test_domain_and_models_do_not_touch_the_request() -> None:
    offenders = [
        str(path.relative_to(PROJECT_ROOT))
        for folder in ("registry/domain", "registry/models", "registry/standards")
        for path in (PROJECT_ROOT / folder).rglob("*.py")
        if _reads_request_state(path)
    ]
    assert offenders == []


def test_the_check_sees_an_import_over_several_lines(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text("from flask import (\n    current_app,\n    request,\n)\n")
    assert _reads_request_state(module)
    module.write_text("import flask\n\nflask.g.actor = None\n")
    assert _reads_request_state(module)
    module.write_text("from flask import current_app, has_app_context\n")
    assert not _reads_request_state(module)
