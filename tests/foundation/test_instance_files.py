"""Secrets made once into the instance folder survive several processes starting together.

CI once failed 1,420 tests because two pytest-xdist workers both found ``instance/secret_key``
missing and the second refused to start when the first had made it meanwhile.
"""

from __future__ import annotations

import multiprocessing
import stat
from pathlib import Path

import pytest

from registry.config import settings_from_environment
from registry.files import kept_secret, write_whole

PROCESSES = 8
ROUNDS = 15


def _start_after(barrier: multiprocessing.synchronize.Barrier, folder: str, found: multiprocessing.Queue) -> None:
    barrier.wait()
    try:
        found.put(settings_from_environment(Path(folder))["SECRET_KEY"])
    except Exception as error:  # the failure is what the test reports
        found.put(repr(error))


def test_workers_starting_together_share_one_secret_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    context = multiprocessing.get_context("fork")
    for round_number in range(ROUNDS):
        folder = tmp_path / f"instance-{round_number}"
        barrier = context.Barrier(PROCESSES)
        found: multiprocessing.Queue = context.Queue()
        workers = [context.Process(target=_start_after, args=(barrier, str(folder), found)) for _ in range(PROCESSES)]
        for worker in workers:
            worker.start()
        keys = {found.get(timeout=30) for _ in workers}
        for worker in workers:
            worker.join(timeout=30)
        key_file = folder / "secret_key"
        assert keys == {key_file.read_text().strip()}, keys
        assert len(next(iter(keys))) >= 40
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert sorted(path.name for path in folder.iterdir()) == ["secret_key"]  # no temporary left behind


def test_a_kept_secret_is_made_once_and_then_read(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "secret"
    assert kept_secret(path, lambda: "first") == ("first", True)
    assert kept_secret(path, lambda: "second") == ("first", False)


def test_writing_whole_either_replaces_or_leaves_the_first(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    assert write_whole(path, b"one", 0o644, replace=False)
    assert not write_whole(path, b"two", 0o644, replace=False)
    assert path.read_bytes() == b"one"
    assert write_whole(path, b"three", 0o644, replace=True)
    assert path.read_bytes() == b"three"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
