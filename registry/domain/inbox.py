"""Each person's inbox: the notifications of the one outbox (``registry.models.Notification``) that
tell them about their own work, read in the workspace and, unless they turned a kind off, emailed.

``notify`` is the one way to put something in inboxes: one Notification per person, with the page of
the thing (``link``, a path in the workspace) and an email body that says only what kind of thing
happened and where to read it. A subject must never hold a private detail (a reason, a note, a
description): a shared mailbox may see the email, and the person reads the detail on the page it
links to, after signing in. The delivery loop (``notifications.deliver_queued``) sends the ones
whose ``email_wanted`` is set.

Who is told what is ``registry.domain.role_notifications`` (subscribers of the domain events and
the daily reminders); ``KINDS`` is the vocabulary the preferences page and the README table show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.sql.elements import ColumnElement

from registry.domain import clock
from registry.domain.errors import NotFound
from registry.domain.notifications import email_turned_off, public_url
from registry.domain.paging import Page, paginate
from registry.extensions import db
from registry.models import Notification, NotificationPreference, RoleAssignment, User
from registry.models.notifications import INBOX_KINDS

INBOX_PATH = "/workspace/notifications"
SETTINGS_PATH = "/workspace/notifications/settings"


@dataclass(frozen=True)
class Kind:
    """One kind of inbox notification: its name on the preferences page, and who can receive it."""

    label: str
    hint: str
    roles: tuple[str, ...]


KINDS: dict[str, Kind] = {
    "watched_change": Kind(
        "A mediator on your watchlist changes", "Their accreditation is renewed, suspended, withdrawn…", ("la_officer",)
    ),
    "accreditation": Kind(
        "A decision about your accreditation",
        "Your application is decided; your accreditation is renewed, suspended, reinstated, withdrawn or lapses",
        ("mediator",),
    ),
    "log_entry_queried": Kind("A log entry is queried", "Your accrediting body asks about an entry", ("mediator",)),
    "renewal_due": Kind("Your renewal is due", "60 days before your accreditation runs out", ("mediator",)),
    "cpd_audit": Kind(
        "A CPD audit", "You are drawn for the oversight panel's audit, or it needs more from you", ("mediator",)
    ),
    "application_received": Kind(
        "A new application",
        "A mediator applies to your body for accreditation, or a provider submits a training programme",
        ("registrar",),
    ),
    "renewal_received": Kind(
        "A renewal to decide", "A mediator your body accredits sends their renewal", ("registrar",)
    ),
    "concern_raised": Kind(
        "A new concern",
        "About a mediator your body accredits, or (oversight) a mediation provider",
        ("registrar", "oversight"),
    ),
    "oversight_action": Kind(
        "An oversight action",
        "The oversight panel sets your organisation an action, or one is overdue; (oversight) an organisation "
        "responds to one",
        ("registrar", "trainer", "provider", "oversight"),
    ),
    "programme_decided": Kind(
        "A decision about a training programme", "A programme is accredited, refused, suspended…", ("trainer",)
    ),
    "return_due": Kind("Outcome returns due", "A quarter has ended and its returns are due", ("provider",)),
    "provider_link": Kind(
        "Working with a mediation provider",
        "A provider asks you to join its panel, or asks your LA to confirm it commissions them; the answer to "
        "your provider's request",
        ("mediator", "la_officer", "provider"),
    ),
    "standards_published": Kind(
        "A new version of the standards",
        "The standards working group publishes a new version after consulting on it, and when it takes effect",
        ("mediator", "la_officer"),
    ),
}
assert set(KINDS) == set(INBOX_KINDS), "every inbox kind has its words, and nothing else does"


def _email_body(subject: str, link: str) -> str:
    return (
        "Hello,\n\n"
        f"{subject}.\n\n"
        f"Read it in your workspace on the SEND Mediation Register (sign in first): {public_url(link)}\n\n"
        "This email holds no details on purpose: you read them once you are signed in.\n"
        f"Choose which emails you get: {public_url(SETTINGS_PATH)}\n"
    )


def notify(
    people: Iterable[User],
    kind: str,
    subject: str,
    link: str,
    *,
    detail: str | None = None,
    dedupe_key: str | None = None,
    **about: object,
) -> list[Notification]:
    """Put one notification of ``kind`` in each person's inbox (each person once), emailed unless they
    turned the kind off. ``detail``: more words for the inbox only (never emailed). With
    ``dedupe_key``, nobody who already has one with that key gets another.
    ``about``: the Notification's links to the thing (``mediator_id``, ``organisation_id``)."""
    assert kind in KINDS, kind
    recipients = {person.id: person for person in people if person.active}
    if dedupe_key is not None and recipients:
        had = db.session.scalars(
            select(Notification.recipient_id).where(
                Notification.recipient_id.in_(list(recipients)), Notification.dedupe_key == dedupe_key
            )
        )
        for user_id in list(had):
            recipients.pop(user_id or 0, None)
    off = email_turned_off(list(recipients), kind)
    subject = subject[:200]
    queued = [
        Notification(
            recipient=person,
            kind=kind,
            subject=subject,
            body=_email_body(subject, link),
            detail=detail,
            link=link,
            email_wanted=person.id not in off,
            dedupe_key=dedupe_key,
            **about,
        )
        for person in sorted(recipients.values(), key=lambda person: person.id)
    ]
    db.session.add_all(queued)
    db.session.flush()
    return queued


def people_in(organisation_id: int | None, role: str) -> list[User]:
    """The active people holding ``role`` for the organisation, or, with ``None``, everyone holding it
    (the oversight panel, which acts for the register as a whole)."""
    query = (
        select(User)
        .join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(RoleAssignment.role == role, User.active.is_(True))
    )
    if organisation_id is not None:
        query = query.where(RoleAssignment.organisation_id == organisation_id)
    return list(db.session.scalars(query.distinct().order_by(User.id)))


def people_acting_for(organisation_id: int) -> list[User]:
    """Every active person holding any role for the organisation."""
    return list(
        db.session.scalars(
            select(User)
            .join(RoleAssignment, RoleAssignment.user_id == User.id)
            .where(RoleAssignment.organisation_id == organisation_id, User.active.is_(True))
            .distinct()
            .order_by(User.id)
        )
    )


# Reading and marking


def _theirs(user: User) -> list[ColumnElement[bool]]:
    return [Notification.recipient_id == user.id, Notification.kind.in_(INBOX_KINDS)]


def inbox_for(user: User, page: int = 1) -> Page[Notification]:
    """The person's notifications, newest first (by the recipient/read/id index)."""
    return paginate(select(Notification).where(*_theirs(user)).order_by(Notification.id.desc()), page)


def unread_count(user: User) -> int:
    query = select(func.count()).select_from(Notification).where(*_theirs(user), Notification.read_at.is_(None))
    return db.session.scalar(query) or 0


def notification_of(user: User, notification_id: int) -> Notification:
    """One of the person's own notifications; anyone else's is not found."""
    found = db.session.scalars(select(Notification).where(Notification.id == notification_id, *_theirs(user))).first()
    if found is None:
        raise NotFound("There is no such notification.")
    return found


def mark_read(user: User, notification_id: int) -> Notification:
    notification = notification_of(user, notification_id)
    if notification.read_at is None:
        notification.read_at = clock.now()
        db.session.flush()
    return notification


def mark_all_read(user: User) -> int:
    """Mark every unread notification of the person read; how many there were."""
    result = db.session.execute(
        update(Notification)
        .where(*_theirs(user), Notification.read_at.is_(None))
        .values(read_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    db.session.expire_all()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# Email preferences


def kinds_for(user: User) -> list[str]:
    """The kinds the person can receive, for the roles they hold, in ``KINDS`` order."""
    roles = {assignment.role for assignment in user.roles}
    return [kind for kind, words in KINDS.items() if roles & set(words.roles)]


def email_choices(user: User) -> dict[str, bool]:
    """For each kind the person can receive: whether it is emailed (yes unless they said no)."""
    saved = {
        kind: emailed
        for kind, emailed in db.session.execute(
            select(NotificationPreference.kind, NotificationPreference.email).where(
                NotificationPreference.user_id == user.id
            )
        ).all()
    }
    return {kind: saved.get(kind, True) for kind in kinds_for(user)}


def choose_emails(user: User, emailed: Mapping[str, bool]) -> None:
    """Record the person's choice for each kind they can receive; other kinds are ignored. Applies to
    notifications written from now on."""
    mine = set(kinds_for(user))
    for kind, wanted in emailed.items():
        if kind not in mine:
            continue
        preference = db.session.get(NotificationPreference, (user.id, kind))
        if preference is None:
            db.session.add(NotificationPreference(user_id=user.id, kind=kind, email=wanted))
        else:
            preference.email = wanted
    db.session.flush()
