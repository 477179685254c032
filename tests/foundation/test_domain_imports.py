"""No import inside a function or class in the domain: a deferred import is an import cycle in
disguise. Fix the direction instead (publish a domain event, move the shared piece down); the
``acyclic_siblings`` contract in pyproject.toml then keeps the cycle from coming back."""

from __future__ import annotations

import ast
from pathlib import Path

from registry.config import PROJECT_ROOT

DOMAIN = PROJECT_ROOT / "registry" / "domain"


def deferred_imports(path: Path, root: Path = PROJECT_ROOT) -> list[str]:
    """``path:line`` of every import statement inside a function or class body of ``path``."""
    tree = ast.parse(path.read_text(), filename=str(path))
    scopes = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
    return [
        f"{path.relative_to(root)}:{node.lineno}"
        for scope in ast.walk(tree)
        if isinstance(scope, scopes)
        for node in ast.walk(scope)
        if isinstance(node, ast.Import | ast.ImportFrom)
    ]


def test_the_domain_imports_only_at_module_level() -> None:
    offenders = sorted({hit for path in DOMAIN.rglob("*.py") for hit in deferred_imports(path)})
    assert offenders == []


def test_the_check_finds_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    import csv\n"
        "def f():\n"
        "    from registry.domain import watchlist\n"
        "    return watchlist\n"
    )
    assert deferred_imports(module, tmp_path) == ["module.py:5"]
