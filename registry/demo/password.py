"""The one password all demo sign-ins share: ``DEMO_PASSWORD``, or one generated once into the
instance folder (mode 0600, never committed) and reused on later runs."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import pyotp

ENVIRONMENT_VARIABLE = "DEMO_PASSWORD"
FILE_NAME = "demo_password"


@dataclass(frozen=True)
class DemoPassword:
    value: str
    source: str  # where it came from, for people reading the command's output
    generated: bool = False


def demo_password(instance_path: Path) -> DemoPassword:
    value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if value:
        return DemoPassword(value, f"from {ENVIRONMENT_VARIABLE}")
    path = instance_path / FILE_NAME
    generated = False
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another run got there first; use theirs
            pass
        else:
            with os.fdopen(fd, "w") as file:
                file.write(secrets.token_urlsafe(12) + "\n")
            generated = True
    return DemoPassword(path.read_text().strip(), f"saved in {path}", generated)


TOTP_ENVIRONMENT_VARIABLE = "DEMO_TOTP_SECRET"
TOTP_FILE_NAME = "demo_totp_secret"


def demo_totp_secret(instance_path: Path) -> DemoPassword:
    """The base32 second-factor secret of the demo staff sign-ins: ``DEMO_TOTP_SECRET``, or one
    generated once into the instance folder, like the password."""
    value = os.environ.get(TOTP_ENVIRONMENT_VARIABLE, "").strip().upper()
    if value:
        return DemoPassword(value, f"from {TOTP_ENVIRONMENT_VARIABLE}")
    path = instance_path / TOTP_FILE_NAME
    generated = False
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as file:
                file.write(pyotp.random_base32() + "\n")
            generated = True
    return DemoPassword(path.read_text().strip(), f"saved in {path}", generated)


def current_code(secret: str) -> str:
    return pyotp.TOTP(secret).now()
