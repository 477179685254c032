"""Importing the standards: idempotent, and a published version can never change underneath."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from registry.config import PROJECT_ROOT
from registry.domain.standards import PublishedVersionChanged, import_standards
from registry.extensions import db
from registry.models import AuditEvent
from registry.models.standards import StandardsVersion

SHIPPED = PROJECT_ROOT / "standards"
FIXTURES = PROJECT_ROOT / "tests" / "standards" / "fixtures"


def _snapshot() -> list[tuple[str, str, str]]:
    rows = db.session.execute(
        select(StandardsVersion.family, StandardsVersion.version, StandardsVersion.content_hash).order_by(
            StandardsVersion.family, StandardsVersion.version
        )
    )
    return [tuple(row) for row in rows]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "standards"
    shutil.copytree(SHIPPED, root)
    return root


def test_import_records_every_version_once(tree: Path) -> None:
    db.session.execute(StandardsVersion.__table__.delete())
    first = import_standards(tree)
    assert len(first.added) == 6 and first.unchanged == []  # oversight criteria 1.0 and 1.1
    snapshot = _snapshot()
    audit_count = db.session.scalar(select(func.count()).select_from(AuditEvent))
    second = import_standards(tree)
    assert second.added == [] and len(second.unchanged) == 6
    assert _snapshot() == snapshot
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == audit_count


def test_editing_a_published_file_is_refused_and_changes_nothing(tree: Path) -> None:
    db.session.execute(StandardsVersion.__table__.delete())
    import_standards(tree)
    before = _snapshot()
    target = tree / "cpd-scheme" / "1.0.yaml"
    target.write_text(target.read_text().replace("minimum_hours: 10", "minimum_hours: 8", 1))
    shutil.copytree(FIXTURES / "next" / "mediator-standards", tree / "mediator-standards", dirs_exist_ok=True)
    with pytest.raises(PublishedVersionChanged, match="new version number") as error:
        import_standards(tree)
    assert "cpd-scheme 1.0" in str(error.value)
    assert _snapshot() == before  # the new 1.1 was not half-imported either


def test_a_new_version_is_added_beside_the_old(tree: Path) -> None:
    db.session.execute(StandardsVersion.__table__.delete())
    import_standards(tree)
    shutil.copytree(FIXTURES / "next" / "mediator-standards", tree / "mediator-standards", dirs_exist_ok=True)
    report = import_standards(tree)
    assert report.added == ["mediator-standards 1.1"]
    versions = [v for f, v, _ in _snapshot() if f == "mediator-standards"]
    assert versions == ["1.0", "1.1"]


def test_cli_check_passes_on_the_shipped_files(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["standards", "check"])
    assert result.exit_code == 0, result.output
    assert "are valid" in result.output


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("missing-code", "mediator-standards/1.0.yaml"),
        ("duplicate-code", "is used more than once"),
        ("unknown-category", "cpd-scheme/1.0.yaml"),
        ("negative-hours", "cpd-scheme/1.0.yaml"),
        ("bad-yaml", "oversight-criteria/1.0.yaml"),
    ],
)
def test_cli_check_reports_broken_files_and_fails(
    app: Flask, tree: Path, monkeypatch: pytest.MonkeyPatch, case: str, expected: str
) -> None:
    shutil.copytree(FIXTURES / "broken" / case, tree, dirs_exist_ok=True)
    monkeypatch.setitem(app.config, "STANDARDS_PATH", tree)
    result = app.test_cli_runner().invoke(args=["standards", "check"])
    assert result.exit_code != 0
    assert expected in result.output
    assert "problem(s)" in result.output


def test_cli_import_refuses_a_changed_published_file(app: Flask, tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "STANDARDS_PATH", tree)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["standards", "import"]).exit_code == 0
    before = _snapshot()
    target = tree / "mediator-standards" / "1.0.yaml"
    target.write_text(target.read_text().replace("Standards for SEND mediators", "Standards for mediators", 1))
    result = runner.invoke(args=["standards", "import"])
    assert result.exit_code != 0
    assert "publish" in result.output.lower() and "new version number" in result.output
    assert _snapshot() == before
