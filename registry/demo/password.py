"""What the demo sign-ins share: one password (``DEMO_PASSWORD``) and, for the staff among them,
one second-factor secret (``DEMO_TOTP_SECRET``). Each is taken from its variable or generated once
into the instance folder (mode 0600, never committed) and reused on later runs."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyotp

from registry.files import kept_secret

ENVIRONMENT_VARIABLE = "DEMO_PASSWORD"
FILE_NAME = "demo_password"
TOTP_ENVIRONMENT_VARIABLE = "DEMO_TOTP_SECRET"
TOTP_FILE_NAME = "demo_totp_secret"


@dataclass(frozen=True)
class DemoPassword:
    value: str
    source: str  # where it came from, for people reading the command's output
    generated: bool = False


def _kept_secret(variable: str, path: Path, make: Callable[[], str]) -> DemoPassword:
    value = os.environ.get(variable, "").strip()
    if value:
        return DemoPassword(value, f"from {variable}")
    secret, generated = kept_secret(path, make)  # another run may get there first; theirs is used
    return DemoPassword(secret, f"saved in {path}", generated)


def demo_password(instance_path: Path) -> DemoPassword:
    return _kept_secret(ENVIRONMENT_VARIABLE, instance_path / FILE_NAME, lambda: secrets.token_urlsafe(12))


def demo_totp_secret(instance_path: Path) -> DemoPassword:
    """The base32 second-factor secret of the demo staff sign-ins."""
    kept = _kept_secret(TOTP_ENVIRONMENT_VARIABLE, instance_path / TOTP_FILE_NAME, pyotp.random_base32)
    return DemoPassword(kept.value.upper(), kept.source, kept.generated)


def current_code(secret: str) -> str:
    return pyotp.TOTP(secret).now()
