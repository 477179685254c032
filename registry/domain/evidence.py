"""Evidence files for log entries: type from content, kept outside the web root under random names.

The name a file arrived with and the content type the browser claimed are never trusted: the
type comes from the first bytes (PDF ``%PDF-``, the PNG signature, JPEG ``FF D8 FF``) or, for
DOCX, from the ZIP holding ``word/document.xml``. Anything else is refused, as is anything over
10 MB or empty.

Files live under the upload folder the caller passes in (``UPLOAD_PATH``, never under
``static/``) at ``<root>/<first two characters>/<stored name>``, where the stored name is 32
random hex characters. Writing happens before the database commit; the caller removes a written
file if the commit fails (``discard``), and removes a replaced or deleted entry's file only after
the commit succeeds, so nothing is lost on error.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from registry.domain.errors import DomainError
from registry.models import EvidenceFile

MAX_BYTES = 10 * 1024 * 1024
ACCEPTED = "a PDF, PNG, JPEG or Word (DOCX) file"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", DOCX: ".docx"}
STORED_NAME = re.compile(r"^[0-9a-f]{32}$")


class EvidenceRefused(DomainError):
    """The file cannot be kept as evidence; the message says why in plain words."""


@dataclass(frozen=True)
class EvidenceUpload:
    """A file as it arrived: the name the person's computer gave it and its bytes."""

    filename: str
    content: bytes


def sniff(content: bytes) -> str | None:
    """The content type the bytes show, if it is one the register accepts."""
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"PK\x03\x04") and _is_docx(content):
        return DOCX
    return None


def _is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def check(upload: EvidenceUpload) -> str:
    """The file's content type, or EvidenceRefused saying what is wrong with it."""
    if not upload.content:
        raise EvidenceRefused("The selected file is empty. Choose the file again.")
    if len(upload.content) > MAX_BYTES:
        raise EvidenceRefused("The selected file must be 10 MB or smaller.")
    content_type = sniff(upload.content)
    if content_type is None:
        raise EvidenceRefused(f"The selected file must be {ACCEPTED}.")
    return content_type


def _clean_name(filename: str, content_type: str) -> str:
    """A display name with no folders or odd characters, ending in the extension its content shows."""
    stem = PurePath(filename.replace("\\", "/")).stem
    stem = re.sub(r"[^\w .()-]+", "", stem).strip(" .") or "evidence"
    return stem[:120] + EXTENSIONS[content_type]


def path_for(root: Path, stored_name: str) -> Path:
    if not STORED_NAME.match(stored_name):
        raise ValueError("not a stored evidence name")
    return Path(root) / stored_name[:2] / stored_name


def store(root: Path, upload: EvidenceUpload) -> EvidenceFile:
    """Check and write the file; return its (unsaved) EvidenceFile row. Refuses bad files unwritten."""
    content_type = check(upload)
    stored_name = secrets.token_hex(16)
    path = path_for(root, stored_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(upload.content)
    return EvidenceFile(
        stored_name=stored_name,
        original_name=_clean_name(upload.filename, content_type),
        content_type=content_type,
        size_bytes=len(upload.content),
        sha256=hashlib.sha256(upload.content).hexdigest(),
    )


def discard(root: Path, stored_names: Iterable[str]) -> None:
    """Remove files (after the commit that stopped referring to them); missing files are fine."""
    for name in stored_names:
        path_for(root, name).unlink(missing_ok=True)
