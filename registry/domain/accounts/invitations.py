"""Inviting a person: an admin (or ``flask users invite``) makes the account, with one role and an
unusable password, and a single-use invitation link; the person opens it and chooses their own
password. With a mail server the link is emailed through the outbox; without one it is handed
back once, for the admin to pass on. An admin can send a new link at any time (it voids the old
one): to someone who never accepted, or, where the register cannot email, to someone who has
forgotten their password.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from registry.domain import clock, notifications
from registry.domain.accounts import links
from registry.domain.administration import add_person
from registry.domain.errors import Refused
from registry.models import AccountLink, User

PURPOSE = "invitation"


@dataclass(frozen=True)
class SentLink:
    """What became of a new link: emailed (queued in the outbox), or its address to hand over once."""

    user: User
    expires_at: datetime
    emailed: bool
    address: str | None  # None when emailed: the admin never sees a link that was sent


def _message(user: User, address: str, expires_at: datetime, by: User | None) -> tuple[str, str]:
    until = clock.long_date(expires_at.date())
    if links.has_chosen_password(user):
        subject = "Choose a new password for the SEND Mediation Register"
        opening = "The register’s administrator has sent you a link to choose a new password."
    else:
        subject = "You have been invited to the SEND Mediation Register"
        who = by.name if by is not None else "The register’s administrator"
        opening = f"{who} has made you an account on the SEND Mediation Register."
    body = "\n".join(
        [
            f"Hello {user.name},",
            "",
            opening,
            "",
            f"Choose your password here. The link works once, until {until}:",
            address,
            "",
            f"You sign in with this email address ({user.email}).",
            "",
            "If you were not expecting this email, you can ignore it.",
        ]
    )
    return subject, body + "\n"


def send_invitation(user: User, actor: User | None) -> SentLink:
    """A new invitation link for ``user`` (voiding any older one): queued as an email when the
    register can send one, otherwise returned to show once."""
    if not user.active:
        raise Refused("person", f"{user.name}’s account is deactivated. Reactivate it first")
    token, link = links.new_link(user, PURPOSE, actor)
    address, expires_at = notifications.public_url(links.path_for(token, PURPOSE)), link.expires_at
    if not notifications.mail_configured():
        return SentLink(user, expires_at, emailed=False, address=address)
    subject, body = _message(user, address, expires_at, actor)
    notifications.queue_account_message(user, PURPOSE, subject, body)
    return SentLink(user, expires_at, emailed=True, address=None)


def invite(email: str, name: str, role: str, organisation_id: int | None, actor: User | None) -> SentLink:
    """A new person with one role who chooses their own password; Refused naming the answer to
    correct, and nothing saved, when an answer is wrong."""
    user = add_person(email, name, role, organisation_id, links.unusable_password_hash(), actor)
    return send_invitation(user, actor)


def accept(link: AccountLink, password: str, hash_password: Callable[[str], str]) -> User:
    """The person chooses their password through their invitation; Refused when the password breaks
    the rule or the link was used meanwhile. Any sessions they had end."""
    used = "This link has already been used. Sign in, or ask for a new one"
    return links.choose_password_through(link, password, hash_password, "invitation_accepted", used)
