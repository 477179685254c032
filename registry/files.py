"""Files the register writes into its instance folder: secrets and keys made once, then reused.

Several processes may start at the same moment (gunicorn workers, pytest-xdist workers, a CLI
command beside the server), and each may find the file missing. ``write_whole`` writes to a
temporary file beside the target, then moves it into place, so nobody ever reads a half-written
file; with ``replace=False`` it links instead of moving, so the first writer wins and the others
read the winner's file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_whole(path: Path, data: bytes, mode: int, replace: bool) -> bool:
    """Write ``data`` to ``path`` with ``mode``, all or nothing. With ``replace`` false, only if
    ``path`` does not exist yet: False when another process got there first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(descriptor, mode)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if replace:
            os.replace(temporary, path)
            return True
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        return True
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def kept_secret(path: Path, make: Callable[[], str]) -> tuple[str, bool]:
    """The secret saved in ``path`` (mode 0600), made with ``make`` and saved the first time.
    Returns the secret and whether this call made it."""
    made = False
    if not path.exists():
        made = write_whole(path, (make() + "\n").encode(), 0o600, replace=False)
    return path.read_text().strip(), made
