"""A standards tree with the demo's mediator-standards 1.1 draft in it, open from 1 to 31 March 2026
(the frozen clock starts on 4 March), imported as ``flask standards import`` would."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from flask import Flask

from registry.config import PROJECT_ROOT
from registry.demo.consultation import draft_text
from registry.domain.standards import import_standards
from registry.extensions import db
from registry.models import Consultation

OPENS, CLOSES = date(2026, 3, 1), date(2026, 3, 31)


@pytest.fixture
def tree(tmp_path: Path, app: Flask, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "standards"
    shutil.copytree(PROJECT_ROOT / "standards", root)
    (root / "mediator-standards" / "1.1.yaml").write_text(draft_text(OPENS, CLOSES), encoding="utf-8")
    monkeypatch.setitem(app.config, "STANDARDS_PATH", root)
    return root


@pytest.fixture
def consultation(tree: Path, frozen_clock: object) -> Consultation:
    import_standards(tree)
    found = db.session.query(Consultation).filter_by(family="mediator-standards", version="1.1").one()
    return found


@pytest.fixture
def write_published(tree: Path) -> Callable[[str], Path]:
    """Replace the draft with the final 1.1 (``status: published``), as the working group would."""

    def write(text: str) -> Path:
        path = tree / "mediator-standards" / "1.1.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write
