"""The open-data export cannot look finished when it is not: it is served as a finished file with
its length, row count and digest, so a client whose download is cut short — here, by killing the
worker mid-transfer — can tell, and can resume or fetch it again."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import signal
from pathlib import Path

import pytest
import requests

from tests.fixtures.servers import children, flask, gunicorn, register_environment, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.servers]

EXPORT = "/api/v1/exports/register.csv"


def whole(body: bytes, headers: requests.structures.CaseInsensitiveDict) -> bool:  # type: ignore[name-defined]
    """What a careful client checks: every byte, every row, and the digest."""
    digest = "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode() + ":"
    rows = sum(1 for _ in csv.reader(io.StringIO(body.decode(errors="replace")))) - 1
    return (
        len(body) == int(headers["Content-Length"])
        and rows == int(headers["X-Register-Rows"])
        and digest == headers["Repr-Digest"]
    )


def _enlarge(directory: Path, name: str, size: int) -> None:
    """Make the served file large enough that killing the worker lands mid-transfer (a real register
    of 100,000 mediators is about 20 MB); its rows are the real export's, repeated."""
    path, meta = directory / f"{name}.csv", directory / f"{name}.json"
    heading, *rows = path.read_bytes().split(b"\r\n")[:-1]
    body = [heading]
    while sum(len(line) + 2 for line in body) < size:
        body.extend(rows)
    data = b"\r\n".join(body) + b"\r\n"
    path.write_bytes(data)
    record = json.loads(meta.read_text())
    record["rows"] = len(body) - 1
    record["digest"] = base64.b64encode(hashlib.sha256(data).digest()).decode()
    meta.write_text(json.dumps(record))


def test_a_download_cut_short_by_a_killed_worker_is_visibly_incomplete(tmp_path) -> None:
    exports = tmp_path / "exports"
    environment = register_environment(
        f"sqlite:///{tmp_path / 'register.sqlite3'}",
        RATELIMIT_ENABLED="0",
        DEMO_PASSWORD="export tests only",
        EXPORT_PATH=str(exports),
    )
    flask(environment, "setup")
    flask(environment, "demo-data", "--mediators", "40")
    with gunicorn(environment, workers=1, threads=1) as server:
        first = server.get(EXPORT)
        assert first.status_code == 200 and whole(first.content, first.headers)
        assert int(first.headers["X-Register-Rows"]) > 0
        assert server.get(EXPORT, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
        resumed = server.get(EXPORT, headers={"Range": "bytes=100-"})
        assert resumed.status_code == 206 and first.content[:100] + resumed.content == first.content

        _enlarge(exports, first.headers["ETag"].strip('"'), 24 * 1024 * 1024)
        with requests.get(server.base_url + EXPORT, stream=True, timeout=30) as download:
            assert download.status_code == 200
            length = int(download.headers["Content-Length"])
            body = download.raw.read(65536)
            (worker,) = children(server.process.pid)
            os.kill(worker, signal.SIGKILL)  # as a worker timeout or an out-of-memory kill would
            # An HTTP client refuses the short body rather than handing over part of the register...
            with pytest.raises(requests.exceptions.ChunkedEncodingError, match="IncompleteRead"):
                for chunk in download.iter_content(1 << 20):
                    body += chunk
        # ...and one that keeps what it got can tell it is not the whole export.
        assert len(body) < length, "the kill came too late to cut the download short"
        assert not whole(body, download.headers)

        wait_until(lambda: len(children(server.process.pid)) == 1, 30, "a new worker")
        again = server.get(EXPORT)
        assert again.status_code == 200 and whole(again.content, again.headers)
