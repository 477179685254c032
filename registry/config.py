"""Settings, read from the environment once when the app is created.

Defaults suit development: a SQLite file under ``instance/`` and a secret key generated once
into ``instance/secret_key``. Production sets ``DATABASE_URL`` (PostgreSQL via psycopg 3) and
``SECRET_KEY``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from registry.files import kept_secret

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Everything from this site only, and no inline script or style (so no 'unsafe-inline'): the
# templates load their scripts and styles from registry/static. Nothing may frame the register.
DEFAULT_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def _database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{instance_path / 'register.sqlite3'}"
    # Accept the forms that hosting platforms hand out and point them at psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _secret_key(instance_path: Path) -> str:
    """The key from ``SECRET_KEY``, or one generated once into the instance folder (never committed)."""
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    # Test and server workers start together; the first to write wins and the rest read its key.
    return kept_secret(instance_path / "secret_key", lambda: secrets.token_urlsafe(48))[0]


def settings_from_environment(instance_path: Path) -> dict[str, object]:
    env = os.environ.get
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        # A server's pooled connections are tested before use, so a restarted or failed-over database
        # costs a reconnect, not an error; a SQLite file has no connection to lose. A failed statement's
        # values stay out of the log (hide_parameters: registry/observability/).
        "SQLALCHEMY_ENGINE_OPTIONS": {
            "pool_pre_ping": not _database_url(instance_path).startswith("sqlite"),
            "hide_parameters": True,
        },
        "STANDARDS_PATH": Path(env("STANDARDS_PATH", str(PROJECT_ROOT / "standards"))),
        "UPLOAD_PATH": Path(env("UPLOAD_PATH", str(instance_path / "uploads"))),
        # Finished open-data export files, one per version of the register (registry/api/export_files.py).
        "EXPORT_PATH": Path(env("EXPORT_PATH", str(instance_path / "exports"))),
        # Signing keys and the audit trail's checkpoints (registry/domain/signing.py, audit_checkpoints.py).
        "SIGNING_KEY_PATH": Path(env("SIGNING_KEY_PATH", str(instance_path / "signing_key.pem"))),
        "SIGNING_PUBLIC_KEYS_PATH": Path(
            env("SIGNING_PUBLIC_KEYS_PATH", str(instance_path / "signing_public_keys.json"))
        ),
        "AUDIT_CHECKPOINT_PATH": Path(env("AUDIT_CHECKPOINT_PATH", str(instance_path / "audit_checkpoints.jsonl"))),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env("SESSION_COOKIE_SECURE", "0") == "1",
        # Second factor and sessions (registry/auth/login.py, registry/domain/accounts/).
        "REQUIRE_2FA_ROLES": frozenset(
            role.strip()
            for role in env("REQUIRE_2FA_ROLES", "admin,oversight,registrar,standards_group").split(",")
            if role.strip()
        ),
        "SESSION_IDLE_MINUTES_STAFF": int(env("SESSION_IDLE_MINUTES_STAFF", "30")),
        "SESSION_IDLE_MINUTES": int(env("SESSION_IDLE_MINUTES", "120")),
        "SESSION_ABSOLUTE_HOURS": int(env("SESSION_ABSOLUTE_HOURS", "12")),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        # Shared by every process and host (registry/shared_state.py): rate limits and cached pages.
        "REDIS_URL": env("REDIS_URL", "").strip(),
        "RATELIMIT_STORAGE_URI": env("RATELIMIT_STORAGE_URI", "").strip()
        or env("REDIS_URL", "").strip()
        or "memory://",
        "RATELIMIT_ENABLED": env("RATELIMIT_ENABLED", "1") == "1",
        # The API's budgets (registry/api/limits.py), per IP address without a key and per key with one.
        "API_RATE_LIMIT_ANONYMOUS": env("API_RATE_LIMIT_ANONYMOUS", "60 per minute"),
        "API_RATE_LIMIT_KEYED": env("API_RATE_LIMIT_KEYED", "600 per minute"),
        # A Redis outage lets requests through unlimited (and /readyz says so) rather than failing them.
        "RATELIMIT_SWALLOW_ERRORS": True,
        "CONTACT_EMAIL": env("CONTACT_EMAIL", ""),
        "MAIL_SERVER": env("MAIL_SERVER", ""),
        "MAIL_PORT": int(env("MAIL_PORT", "25")),
        "MAIL_FROM": env("MAIL_FROM", "register@send-mediation-register.invalid"),
        # How long one-time account links work (registry/domain/accounts/links.py).
        "INVITATION_DAYS": int(env("INVITATION_DAYS", "7")),
        "PASSWORD_RESET_MINUTES": int(env("PASSWORD_RESET_MINUTES", "60")),
        # Estimated costs avoided per mediated case: a decimal number of pounds ("499.19"); empty for the 2017
        # review's exact average (£636,462 ÷ 1,275 cases). Read as a Decimal, never a float (/statistics).
        "COST_AVOIDED_PER_CASE": env("COST_AVOIDED_PER_CASE", ""),
        "PUBLIC_BASE_URL": env("PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        # LAs' webhooks (registry/domain/webhooks/): retries wait WEBHOOK_RETRY_SECONDS × 2^(attempts − 1), at
        # most 12 h; a subscription pauses after WEBHOOK_MAX_FAILURES failures in a row. Loopback is for tests.
        "WEBHOOK_RETRY_SECONDS": float(env("WEBHOOK_RETRY_SECONDS", "60")),
        "WEBHOOK_MAX_FAILURES": int(env("WEBHOOK_MAX_FAILURES", "10")),
        "WEBHOOK_TIMEOUT_SECONDS": float(env("WEBHOOK_TIMEOUT_SECONDS", "10")),
        "WEBHOOKS_ALLOW_LOOPBACK": env("WEBHOOKS_ALLOW_LOOPBACK", "0") == "1",
        # How many reverse proxies in front add X-Forwarded-For/-Proto/-Host (0: none, trust no header).
        # Behind one nginx it is 1, so per-address limits and logs see the client, not the proxy.
        "TRUSTED_PROXY_HOPS": int(env("TRUSTED_PROXY_HOPS", "0")),
        "MAX_CONTENT_LENGTH": 12 * 1024 * 1024,
        # Response headers (registry/security_headers.py); HSTS is sent only with SESSION_COOKIE_SECURE.
        "CONTENT_SECURITY_POLICY": env("CONTENT_SECURITY_POLICY", "").strip() or DEFAULT_CONTENT_SECURITY_POLICY,
        "STRICT_TRANSPORT_SECURITY": env("STRICT_TRANSPORT_SECURITY", "max-age=31536000; includeSubDomains").strip(),
        # Logs and metrics (registry/observability/).
        "LOG_FORMAT": "text" if env("LOG_FORMAT", "json").strip().lower() == "text" else "json",
        "LOG_LEVEL": env("LOG_LEVEL", "INFO").strip().upper() or "INFO",
        "METRICS_ENABLED": env("METRICS_ENABLED", "0") == "1",
        "METRICS_TOKEN": env("METRICS_TOKEN", "").strip(),
        "API_TITLE": "SEND Mediation Register API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.1.0",
    }
