"""The register's own static files at fingerprinted addresses, kept by browsers for a year.

Every template names a static file through one helper, ``static_url('govuk/register.css')``, which
gives the address with the first 12 hex digits of the SHA-256 of the file's content before its
extension: ``/static/govuk/register.3f2a1b9c0d4e.css``. Such an address is answered with
``Cache-Control: public, max-age=31536000, immutable``: a browser never asks again, and a new build
of a file has a new address, so nobody is served yesterday's stylesheet with today's page. An
address whose fingerprint is not the file's content now (an old build, a typo) is a 404 rather than
some other content under a name that promised to be forever.

Fingerprints are worked out at run time, from the files as they are, the first time a file is
named (and again when its modification time changes, as in development): there is no manifest for
``make assets`` to forget to write. Addresses without a fingerprint keep working as before, with
Flask's own caching (the accessibility tests load ``/static/axe/axe.min.js`` that way).

The fingerprinted answer is the file's bytes in memory rather than a streamed file, so that
``registry.compression`` can compress it.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from pathlib import Path

from flask import Flask, Response, abort, current_app, url_for
from werkzeug.security import safe_join

from registry.auth.access import public

YEAR = 365 * 24 * 3600
DIGITS = 12
FINGERPRINTED = re.compile(rf"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{{{DIGITS}}})(?P<suffix>\.[A-Za-z0-9]+)$")
EXTENSION = "registry.web.static_files"


def _fingerprints() -> dict[str, tuple[int, str]]:
    known: dict[str, tuple[int, str]] = current_app.extensions[EXTENSION]
    return known


def _path(filename: str) -> Path | None:
    folder = current_app.static_folder
    joined = safe_join(folder, filename) if folder else None
    path = Path(joined) if joined else None
    return path if path is not None and path.is_file() else None


def fingerprint(filename: str) -> str | None:
    """The first digits of the SHA-256 of the static file's content now (None: no such file)."""
    path = _path(filename)
    if path is None:
        return None
    modified = path.stat().st_mtime_ns
    known = _fingerprints().get(filename)
    if known is None or known[0] != modified:
        known = (modified, hashlib.sha256(path.read_bytes()).hexdigest()[:DIGITS])
        _fingerprints()[filename] = known
    return known[1]


def static_url(filename: str) -> str:
    """The fingerprinted address of a file in registry/static (the template helper)."""
    digest = fingerprint(filename)
    if digest is None:
        raise LookupError(f"registry/static/{filename} does not exist: run `make assets`?")
    stem, dot, suffix = filename.rpartition(".")
    return url_for("static", filename=f"{stem}.{digest}.{suffix}" if dot else f"{filename}.{digest}")


@public
def static_file(filename: str) -> Response:
    """``/static/<filename>``: a fingerprinted address for a year, any other by Flask as usual."""
    asked = FINGERPRINTED.match(filename)
    if asked is None or _path(filename) is not None:
        return current_app.send_static_file(filename)
    name = asked["stem"] + asked["suffix"]
    path = _path(name)
    if path is None or fingerprint(name) != asked["digest"]:
        abort(404)
    response = Response(path.read_bytes(), mimetype=mimetypes.guess_type(name)[0] or "application/octet-stream")
    response.cache_control.public = True
    response.cache_control.max_age = YEAR
    response.cache_control.immutable = True
    response.set_etag(asked["digest"])
    return response


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = {}
    app.view_functions["static"] = static_file
    app.add_template_global(static_url)
