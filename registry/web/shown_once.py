"""A secret shown once, after POST/redirect/GET.

The POST that creates an API key, a webhook or an invitation link (without email) keeps its secret
here (in the signed session, as the second-factor set-up keeps its secret) and redirects; the GET of
the "created" page takes it out, so reloading that page shows it no more and creates nothing. The
session holds at most one secret, for one thing, until that thing's page is opened.
"""

from __future__ import annotations

from flask import session

KEY = "shown_once"


def keep(kind: str, ident: int, secret: str) -> None:
    session[KEY] = {"kind": kind, "id": ident, "secret": secret}


def take(kind: str, ident: int) -> str | None:
    """The secret kept for this thing, removed from the session; None once it has been shown."""
    held = session.get(KEY)
    if not isinstance(held, dict) or held.get("kind") != kind or held.get("id") != ident:
        return None
    session.pop(KEY)
    return str(held["secret"])
