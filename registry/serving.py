"""What ``make serve`` (gunicorn, ``gunicorn.conf.py``) refuses to start with.

A production register must not run with settings that only suit the demo on one machine: each
problem names the setting to change. The checks read the same settings as the app
(``registry.config.settings_from_environment``), so nothing here can disagree with what runs.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from registry.config import PROJECT_ROOT, settings_from_environment
from registry.observability import metrics

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}
DEVELOPMENT_KEYS = {"test-only-key", "dev", "development", "changeme", "secret"}
MIN_SECRET_KEY_LENGTH = 32


def production_problems(workers: int, environ: os._Environ[str] | dict[str, str] = os.environ) -> list[str]:
    """Why these settings are unsafe for production with ``workers`` processes (none: safe)."""
    settings = settings_from_environment(PROJECT_ROOT / "instance")
    problems = []
    key = environ.get("SECRET_KEY", "").strip()
    if not key:
        problems.append(
            "SECRET_KEY is not set: the key generated into instance/secret_key is for development. "
            "Set SECRET_KEY to a long random value (python3 -c 'import secrets; print(secrets.token_urlsafe(48))')."
        )
    elif key.lower() in DEVELOPMENT_KEYS or len(key) < MIN_SECRET_KEY_LENGTH:
        problems.append(f"SECRET_KEY is a development value or shorter than {MIN_SECRET_KEY_LENGTH} characters.")
    host = urlsplit(str(settings["PUBLIC_BASE_URL"])).hostname or ""
    if host in LOCAL_HOSTS:
        problems.append(
            f"PUBLIC_BASE_URL is {settings['PUBLIC_BASE_URL']}: set it to the address the public uses, "
            "such as https://register.example.org (links, emails and QR codes are built from it)."
        )
    in_memory = str(settings["RATELIMIT_STORAGE_URI"]).startswith("memory://")
    if in_memory and settings["RATELIMIT_ENABLED"] and workers > 1:
        problems.append(
            f"Rate limits are kept in each process's memory, so {workers} workers would multiply every limit: "
            "set REDIS_URL (or RATELIMIT_STORAGE_URI), or WEB_CONCURRENCY=1."
        )
    if settings["WEBHOOKS_ALLOW_LOOPBACK"]:
        problems.append("WEBHOOKS_ALLOW_LOOPBACK is for tests: it would let webhooks reach this host's own services.")
    return problems + metrics.production_problems(settings, workers, environ)


def refuse_unsafe_settings(workers: int) -> None:
    """Stop the server before it starts when ``production_problems`` finds any."""
    problems = production_problems(workers)
    if problems:
        raise SystemExit("The register will not start in production with these settings:\n- " + "\n- ".join(problems))
