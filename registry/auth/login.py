"""Flask-Login wiring, password hashing (argon2id) and the session check on every request.

The session cookie holds the person's id and a random session token (``SESSION_TOKEN_KEY``). Each
request checks the token against its ``UserSession`` row (registry.domain.accounts.sessions): a
session that was ended (sign-out, password change, deactivation, "sign out everywhere"), has been
idle too long or is older than the absolute limit makes the visitor anonymous at once, whatever
copy of the cookie they hold. The check runs in ``before_request``, before any view, so what it
writes (the session's last-seen time, or its ending) is committed on its own
(``unit_of_work.commit_before_view``), whatever then becomes of the request.
"""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app, g, request, session
from flask_login import current_user, login_user, logout_user

from registry import unit_of_work
from registry.domain.accounts import second_factor, sessions
from registry.extensions import db, login_manager
from registry.models import User

_hasher = PasswordHasher()
SESSION_TOKEN_KEY = "session_token"


@cache
def _dummy_hash() -> str:
    """Verified against when the email is unknown, so both failures take about the same time."""
    return _hasher.hash("not a real password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(user: User | None, password: str) -> bool:
    """Argon2 runs whatever the account (unknown, or invited with no password chosen yet), so the
    time taken does not tell anyone which accounts exist."""
    stored = user.password_hash if user is not None and user.password_hash.startswith("$argon2") else None
    try:
        return _hasher.verify(stored or _dummy_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def is_staff(user: User) -> bool:
    """Staff hold a role in ``REQUIRE_2FA_ROLES``: they must have a second factor, and their sessions
    idle out sooner. The one reader of that setting."""
    return second_factor.required_for(user, current_app.config["REQUIRE_2FA_ROLES"])


def session_limits(user: User) -> sessions.Limits:
    config = current_app.config
    idle = config["SESSION_IDLE_MINUTES_STAFF"] if is_staff(user) else config["SESSION_IDLE_MINUTES"]
    return sessions.Limits(idle=timedelta(minutes=idle), absolute=timedelta(hours=config["SESSION_ABSOLUTE_HOURS"]))


def load_user(user_id: str) -> User | None:
    token = session.get(SESSION_TOKEN_KEY)
    if not user_id.isdigit() or not isinstance(token, str):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active:
        return None
    if sessions.live_session(token, user.id, session_limits(user)) is None:
        g.session_ended = True
        return None
    return user


def client_address() -> str:
    return (request.remote_addr or "unknown")[:45]


def begin_session(user: User) -> None:
    """Sign ``user`` in on this browser: a fresh cookie session and a new server-side session row."""
    session.clear()
    token = sessions.start_session(user, client_address(), request.headers.get("User-Agent", ""))
    session[SESSION_TOKEN_KEY] = token
    login_user(user)


def end_this_session() -> None:
    token = session.get(SESSION_TOKEN_KEY)
    if isinstance(token, str):
        sessions.end_session(token)
    logout_user()
    session.clear()


def this_session_token() -> str | None:
    token = session.get(SESSION_TOKEN_KEY)
    return token if isinstance(token, str) else None


def _check_session() -> None:
    """Load the signed-in person (which checks their session) before the view runs, and commit
    what that check wrote; an ended session also clears the cookie."""
    if "_user_id" not in session or request.endpoint in ("static", "assets"):
        return
    current_user._get_current_object()  # noqa: SLF001  (runs load_user)
    if g.get("session_ended"):
        session.clear()
    unit_of_work.commit_before_view()


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "account.sign_in"
    login_manager.login_message = "Sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    app.before_request(_check_session)
