"""The open-data export as one file per version of the register: built once, then served whole.

Streaming 100,000 rows straight from the database took longer than a worker may spend on a
request, and a worker killed mid-stream left the client holding a 200 with part of the register.
So the export is a file: the first request after a change of the register (its version,
``registry.register_version``) or of the day builds it — into a temporary file, renamed into place
only when complete — and every request serves the finished file. The answer says how to tell
it is whole: ``Content-Length``, the number of rows (``X-Register-Rows``) and an RFC 9530
``Repr-Digest`` (SHA-256) of the body; a client that gets fewer bytes, or a different digest,
knows the copy is cut short. It also supports ``If-None-Match`` (the file's ``ETag``) and ``Range``,
so an interrupted download can be resumed.

One process builds a given file while the others wait for it (an exclusive lock on a lock file in
``EXPORT_PATH``); each host keeps its own files (default ``instance/exports``), and only the
newest two are kept.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO

from flask import Response, current_app, send_file

from registry.domain import clock
from registry.register_version import current_version

KEEP = 2


@dataclass(frozen=True)
class ExportFile:
    name: str  # the file's name in EXPORT_PATH, also its ETag
    taken_on: str
    sequence: int
    rows: int
    digest: str  # base64 SHA-256 of the file

    def path(self, directory: Path) -> Path:
        return directory / f"{self.name}.csv"


#: writes the whole export to a text file; returns (sequence, rows)
Writer = Callable[[TextIO], tuple[int, int]]


def _directory() -> Path:
    directory = Path(current_app.config["EXPORT_PATH"])
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _read(directory: Path, name: str) -> ExportFile | None:
    meta = directory / f"{name}.json"
    if not meta.exists() or not (directory / f"{name}.csv").exists():
        return None
    return ExportFile(**json.loads(meta.read_text()))


def _build(directory: Path, name: str, write: Writer) -> ExportFile:
    digest = hashlib.sha256()
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".building-", suffix=".csv")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            sequence, rows = write(out)
        with open(temporary, "rb") as built:
            for chunk in iter(lambda: built.read(1 << 20), b""):
                digest.update(chunk)
        export = ExportFile(name, clock.today().isoformat(), sequence, rows, base64.b64encode(digest.digest()).decode())
        (directory / f"{name}.json").write_text(json.dumps(asdict(export)))
        os.replace(temporary, export.path(directory))  # whole, or not there at all
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    _forget_older(directory, name)
    return export


def _forget_older(directory: Path, newest: str) -> None:
    files = sorted(directory.glob("register-*.csv"), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        if old.stem != newest:
            old.unlink(missing_ok=True)
            old.with_suffix(".json").unlink(missing_ok=True)


def current_export(write: Writer) -> tuple[ExportFile, Path]:
    """The export file of the register as it is now, building it if nobody has yet."""
    directory = _directory()
    name = f"register-v{current_version()}-{clock.today().isoformat()}"
    export = _read(directory, name)
    if export is None:
        with open(directory / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be building it: wait, then use theirs
            export = _read(directory, name) or _build(directory, name, write)
    return export, export.path(directory)


def export_response(export: ExportFile, path: Path) -> Response:
    response = send_file(
        path,
        mimetype="text/csv",
        as_attachment=True,
        download_name=f"send-mediation-register-{export.taken_on}.csv",
        etag=export.name,
        conditional=True,
        max_age=0,
    )
    response.headers["X-Register-Sequence"] = str(export.sequence)
    response.headers["X-Register-Rows"] = str(export.rows)
    response.headers["Repr-Digest"] = f"sha-256=:{export.digest}:"  # of the whole file, even for a Range
    return response
