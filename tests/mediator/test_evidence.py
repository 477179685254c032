"""Evidence files: type from content, size limit, private storage, who may download, deletion."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from registry.domain import evidence
from registry.extensions import db
from registry.models import EvidenceFile, LogEntry
from tests.mediator.conftest import MediatorWorld
from tests.mediator.forms import cpd_form

NEW_CPD = "/workspace/mediator/log/new/cpd"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _docx(with_document: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_document:
            archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _upload(world: MediatorWorld, content: bytes, filename: str, content_type: str):
    data = cpd_form(world.token(NEW_CPD))
    data["evidence"] = (io.BytesIO(content), filename, content_type)
    return world.client.post(NEW_CPD, data=data, content_type="multipart/form-data")


def _stored(app: Flask) -> list[Path]:
    root = Path(app.config["UPLOAD_PATH"]) / "evidence"
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _entry(world: MediatorWorld) -> LogEntry | None:
    return db.session.scalars(select(LogEntry).where(LogEntry.mediator_id == world.mediator.id)).first()


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (PDF, "certificate.pdf", "application/pdf"),
        (PNG, "photo.png", "image/png"),
        (JPEG, "scan.jpeg", "image/jpeg"),
        (_docx(), "notes.docx", evidence.DOCX),
        (PNG, "misnamed.pdf", "image/png"),  # the content decides, and the download gets the right extension
    ],
)
def test_accepted_files_are_stored_under_random_names_outside_the_web_root(
    app: Flask, world: MediatorWorld, content: bytes, name: str, expected: str
) -> None:
    before = set(_stored(app))
    response = _upload(world, content, name, "application/octet-stream")
    assert response.status_code == 302, response.text
    file = _entry(world).evidence
    assert file.content_type == expected and file.size_bytes == len(content)
    assert file.original_name.endswith(evidence.EXTENSIONS[expected])
    [path] = set(_stored(app)) - before
    assert path.name == file.stored_name and len(file.stored_name) == 32 and path.read_bytes() == content
    assert Path(name).stem not in str(path)
    static = Path(app.static_folder).resolve()
    assert static not in path.resolve().parents


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (b"#!/bin/sh\nrm -rf ~\n", "certificate.pdf", "application/pdf"),  # a script renamed .pdf
        (b"<html><script>alert(1)</script></html>", "photo.png", "image/png"),  # a lying content type
        (b"MZ\x90\x00 not really a program", "scan.jpg", "image/jpeg"),
        (_docx(with_document=False), "notes.docx", evidence.DOCX),  # a ZIP that is not a Word file
        (b"", "empty.pdf", "application/pdf"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(
    app: Flask, world: MediatorWorld, content: bytes, name: str, content_type: str
) -> None:
    before = set(_stored(app))
    response = _upload(world, content, name, content_type)
    assert response.status_code == 200
    assert "The selected file must be a PDF, PNG, JPEG or Word (DOCX) file" in response.text or (
        not content and "The selected file is empty" in response.text
    )
    assert _entry(world) is None and set(_stored(app)) == before


def test_a_file_over_10_mb_is_refused(app: Flask, world: MediatorWorld) -> None:
    before = set(_stored(app))
    response = _upload(world, PDF + b"0" * (evidence.MAX_BYTES + 1 - len(PDF)), "big.pdf", "application/pdf")
    assert "The selected file must be 10 MB or smaller" in response.text
    assert _entry(world) is None and set(_stored(app)) == before
    at_the_limit = PDF + b"0" * (evidence.MAX_BYTES - len(PDF))
    assert _upload(world, at_the_limit, "limit.pdf", "application/pdf").status_code == 302


def test_the_owner_downloads_evidence_as_an_attachment_that_is_never_sniffed(world: MediatorWorld) -> None:
    _upload(world, PDF, "certificate.pdf", "application/pdf")
    entry = _entry(world)
    response = world.client.get(f"/workspace/mediator/log/{entry.id}/evidence")
    assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype == "application/pdf"


def test_who_may_download_evidence(world: MediatorWorld, registrar, client_as, factories, client) -> None:
    _upload(world, PDF, "certificate.pdf", "application/pdf")
    entry = _entry(world)
    review_path = f"/workspace/registrar/log-entries/{entry.id}/evidence"
    own_path = f"/workspace/mediator/log/{entry.id}/evidence"

    assert registrar.get(review_path).data == PDF
    assert client_as("oversight").get(review_path).data == PDF

    other_mediator = client_as("mediator")
    factories.mediator(user_id=other_mediator.user.id)
    assert other_mediator.get(own_path).status_code == 404
    assert other_mediator.get(review_path).status_code == 403
    assert client_as("registrar").get(review_path).status_code == 403  # another body's registrar
    assert client_as("la_officer").get(review_path).status_code == 403
    for path in (own_path, review_path):
        response = client.get(path)  # an anonymous visitor is sent to sign in, and gets no file
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
        assert PDF not in response.data


def test_deleting_an_entry_deletes_its_file(app: Flask, world: MediatorWorld) -> None:
    _upload(world, PDF, "certificate.pdf", "application/pdf")
    entry = _entry(world)
    path = evidence.path_for(Path(app.config["UPLOAD_PATH"]) / "evidence", entry.evidence.stored_name)
    assert path.exists()
    delete = f"/workspace/mediator/log/{entry.id}/delete"
    assert world.client.post(delete, data={"csrf_token": world.token(delete)}).status_code == 302
    assert not path.exists()
    assert db.session.scalars(select(EvidenceFile)).all() == []


def test_replacing_or_removing_evidence_deletes_the_old_file(app: Flask, world: MediatorWorld) -> None:
    _upload(world, PDF, "certificate.pdf", "application/pdf")
    entry = _entry(world)
    root = Path(app.config["UPLOAD_PATH"]) / "evidence"
    old = evidence.path_for(root, entry.evidence.stored_name)
    edit = f"/workspace/mediator/log/{entry.id}/edit"
    data = cpd_form(world.token(edit), expected_version=str(entry.version))
    data["evidence"] = (io.BytesIO(PNG), "new.png", "image/png")
    assert world.client.post(edit, data=data, content_type="multipart/form-data").status_code == 302
    db.session.refresh(entry)
    new = evidence.path_for(root, entry.evidence.stored_name)
    assert not old.exists() and new.read_bytes() == PNG

    data = cpd_form(world.token(edit), remove_evidence="y", expected_version=str(entry.version))
    assert world.client.post(edit, data=data).status_code == 302
    db.session.refresh(entry)
    assert entry.evidence is None and not new.exists()


def test_a_failed_commit_loses_no_file(app: Flask, world: MediatorWorld, monkeypatch) -> None:
    _upload(world, PDF, "certificate.pdf", "application/pdf")
    entry = _entry(world)
    path = evidence.path_for(Path(app.config["UPLOAD_PATH"]) / "evidence", entry.evidence.stored_name)
    delete = f"/workspace/mediator/log/{entry.id}/delete"
    token = world.token(delete)

    def broken_commit() -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(db.session, "commit", broken_commit)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        assert world.client.post(delete, data={"csrf_token": token}).status_code == 500
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
    assert path.exists(), "the file stays until the deletion is committed"
