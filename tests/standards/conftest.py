"""Fixtures for the pure standards tests: paths to the shipped tree and the test fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SHIPPED = Path(__file__).resolve().parents[2] / "standards"


@pytest.fixture(autouse=True)
def db_session() -> None:
    """These tests touch no database: override the suite-wide fixture so none is set up."""
    return None


@pytest.fixture
def shipped() -> Path:
    """The standards tree the project ships."""
    return SHIPPED


@pytest.fixture
def standards_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped standards tree, at ``<tmp>/standards``."""
    root = tmp_path / "standards"
    shutil.copytree(SHIPPED, root)
    return root
