"""A forgotten password: the person gives their email address and, if there is an active account
for it and the register can send email, a single-use reset link (``PASSWORD_RESET_MINUTES``) is
queued to that address. The answer never says whether there was an account. Choosing a new
password through the link ends all of the person's sessions.

Without a mail server nothing is sent: an admin sends the person a new invitation instead
(``registry.domain.accounts.invitations.send_invitation``).
"""

from __future__ import annotations

from collections.abc import Callable

from registry.domain import notifications
from registry.domain.accounts import links
from registry.domain.users import find_user_by_email
from registry.models import AccountLink, User

PURPOSE = "password_reset"


def _message(user: User, address: str) -> tuple[str, str]:
    minutes = int(links.lifetime(PURPOSE).total_seconds() // 60)
    body = "\n".join(
        [
            f"Hello {user.name},",
            "",
            "Someone (we hope you) asked to reset the password of your account on the SEND Mediation Register.",
            "",
            f"Choose a new password here. The link works once, for the next {minutes} minutes:",
            address,
            "",
            "If you did not ask for this, you can ignore this email: your password has not changed.",
        ]
    )
    return "Reset your password for the SEND Mediation Register", body + "\n"


def request_reset(email: str) -> None:
    """Queue a reset link to the account for ``email``, if there is an active one and the register
    can send email; otherwise do nothing. Either way the caller says the same thing."""
    user = find_user_by_email(email or "")
    if user is None or not user.active or not notifications.mail_configured():
        return
    token = links.issue_link(user, PURPOSE, None)
    subject, body = _message(user, notifications.public_url(links.path_for(token, PURPOSE)))
    notifications.queue_account_message(user, PURPOSE, subject, body)


def reset(link: AccountLink, password: str, hash_password: Callable[[str], str]) -> User:
    """The person chooses a new password through their reset link; every session of theirs ends.
    Refused when the password breaks the rule or the link was used meanwhile."""
    used = "This link has already been used. Ask for a new one"
    return links.choose_password_through(link, password, hash_password, "password_reset", used)
