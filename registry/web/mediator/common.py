"""Helpers the mediator and log-review pages share: the signed-in mediator, uploads and evidence files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from flask import Response, abort, current_app, send_file
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from registry import unit_of_work
from registry.domain import evidence
from registry.domain.errors import NotFound
from registry.domain.profiles import own_profile
from registry.models import EvidenceFile, Mediator

# Read one byte past the limit, so an oversized file is recognised without reading all of it.
READ_LIMIT = evidence.MAX_BYTES + 1


def this_mediator() -> Mediator:
    """The signed-in person's mediator record; 404 when their account has none."""
    try:
        return own_profile(current_user)
    except NotFound:
        abort(404)


def upload_root() -> Path:
    return Path(current_app.config["UPLOAD_PATH"]) / "evidence"


def upload_from(file: FileStorage | None) -> evidence.EvidenceUpload | None:
    """The chosen file as an EvidenceUpload, or None when no file was chosen."""
    if file is None or not file.filename:
        return None
    return evidence.EvidenceUpload(filename=file.filename, content=file.stream.read(READ_LIMIT))


def evidence_response(file: EvidenceFile) -> Response:
    """The file as a download that browsers never display or sniff."""
    path = evidence.path_for(upload_root(), file.stored_name)
    if not path.is_file():
        abort(404)
    response = send_file(
        path, mimetype=file.content_type, as_attachment=True, download_name=file.original_name, max_age=0
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def discard_after_commit(stored_names: Iterable[str]) -> None:
    """Remove files the change stopped referring to once it is committed; if it is lost, they stay."""
    root, names = upload_root(), list(stored_names)
    unit_of_work.after_commit(lambda: evidence.discard(root, names))


def discard_unless_committed(new_stored_names: Iterable[str]) -> None:
    """Remove the files just written for the change if it is not committed, so none is left orphaned."""
    root, names = upload_root(), list(new_stored_names)
    unit_of_work.after_rollback(lambda: evidence.discard(root, names))
