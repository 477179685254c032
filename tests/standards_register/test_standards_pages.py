"""The standards pages: every criterion with its anchor, and what changed between versions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from registry.config import PROJECT_ROOT
from registry.standards import load_all

SHIPPED = PROJECT_ROOT / "standards"
NEXT = PROJECT_ROOT / "tests" / "standards" / "fixtures" / "next"


def test_index_lists_every_family_with_the_current_version(client: FlaskClient) -> None:
    html = client.get("/standards").text
    for family in ("mediator-standards", "cpd-scheme", "training-criteria", "oversight-criteria", "vocabularies"):
        assert f'href="/standards/{family}/1.0"' in html
    assert "Current" in html


def test_every_criterion_of_version_1_0_is_on_the_page_with_an_anchor(client: FlaskClient) -> None:
    standards = load_all(SHIPPED).mediator_standards("1.0")
    html = client.get("/standards/mediator-standards/1.0").text
    codes = [criterion.code for criterion in standards.criteria()]
    assert len(codes) >= 30
    for criterion in standards.criteria():
        assert f'id="{criterion.code}"' in html
        assert criterion.title.replace("'", "&#39;") in html


@pytest.mark.parametrize("family", ["cpd-scheme", "training-criteria", "oversight-criteria", "vocabularies"])
def test_other_families_render(client: FlaskClient, family: str) -> None:
    response = client.get(f"/standards/{family}/1.0")
    assert response.status_code == 200
    assert response.text.count("<h1") == 1


def test_unknown_family_or_version_is_404(client: FlaskClient) -> None:
    assert client.get("/standards/mediator-standards/9.9").status_code == 404
    assert client.get("/standards/nonsense/1.0").status_code == 404
    assert client.get("/standards/mediator-standards/1.0/changes").status_code == 404  # nothing before 1.0


def test_changes_page_shows_added_removed_and_reworded(
    app: Flask, client: FlaskClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = tmp_path / "standards"
    shutil.copytree(SHIPPED, tree)
    shutil.copytree(NEXT, tree, dirs_exist_ok=True)
    monkeypatch.setitem(app.config, "STANDARDS_PATH", tree)

    index = client.get("/standards").text
    assert 'href="/standards/mediator-standards/1.1"' in index
    old_page = client.get("/standards/mediator-standards/1.0").text
    assert "Superseded by" in old_page

    html = client.get("/standards/mediator-standards/1.1/changes").text
    assert 'id="added-MS-5.5"' in html
    assert 'id="removed-MS-4.4"' in html
    assert 'id="reworded-MS-7.3"' in html
    assert "Added (1)" in html and "Removed (1)" in html and "Reworded (1)" in html
