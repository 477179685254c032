"""Who is told what (issue 19, item 1): the subscribers that put a notification in each person's
inbox (``registry.domain.inbox.notify``) as the domain records a change, in the same transaction,
and the daily reminders (a renewal, a quarter's returns).

Subjects name the thing by its reference (a registration number, a concern's or a programme's
reference) and never hold a person's name, a reason, a note or a description: the email carries
the subject and the link only, and the page it links to shows the detail after sign-in. The
README's table of notifications is this module's, in words.

The oversight panel's own messages (an action set or overdue, a CPD audit) reach the same inboxes
through ``registry.domain.oversight.notices``.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import exists, select

from registry.domain import clock, events, inbox
from registry.extensions import db
from registry.models import Accreditation, Organisation, OutcomeReturn, RenewalRequest, User
from registry.models.oversight import quarter_label

RENEWAL_NOTICE_DAYS = 60  # how long before an accreditation runs out its mediator is reminded


def _mediator_user(user_id: int | None) -> list[User]:
    user = db.session.get(User, user_id) if user_id is not None else None
    return [user] if user is not None else []


def on_accreditation_event(recorded: events.AccreditationEventRecorded) -> None:
    """An application tells its body's registrars; every decision tells the mediator (not one they
    made themselves, such as resigning)."""
    event = recorded.event
    accreditation = event.accreditation
    mediator = accreditation.mediator
    if event.kind == "applied":
        inbox.notify(
            inbox.people_in(accreditation.body_id, "registrar"),
            "application_received",
            f"A new application for accreditation is waiting for a decision ({mediator.registration_number})",
            f"/workspace/registrar/applications/{accreditation.id}",
            mediator_id=mediator.id,
        )
        return
    if event.actor_id is not None and event.actor_id == mediator.user_id:
        return
    decided = event.from_status == "applied"
    inbox.notify(
        _mediator_user(mediator.user_id),
        "accreditation",
        "Your application for accreditation has been decided" if decided else "Your accreditation has changed",
        "/workspace/mediator/accreditation",
        mediator_id=mediator.id,
    )


def on_renewal_requested(requested: events.RenewalRequested) -> None:
    accreditation = requested.request.accreditation
    inbox.notify(
        inbox.people_in(accreditation.body_id, "registrar"),
        "renewal_received",
        f"A renewal is waiting for a decision ({accreditation.mediator.registration_number})",
        f"/workspace/registrar/renewals/{requested.request.id}",
        mediator_id=accreditation.mediator_id,
    )


def on_log_entry_reviewed(reviewed: events.LogEntryReviewed) -> None:
    """A rejected entry is a query the mediator must answer; a verified one needs nothing of them."""
    entry = reviewed.entry
    if entry.review_status != "rejected":
        return
    inbox.notify(
        _mediator_user(entry.mediator.user_id),
        "log_entry_queried",
        "Your accrediting body has queried an entry in your log",
        f"/workspace/mediator/log/{entry.id}",
        mediator_id=entry.mediator_id,
    )


def on_concern_raised(raised: events.ConcernRaised) -> None:
    """A concern about a mediator goes to their body's registrars; about a provider, to oversight."""
    concern = raised.concern
    if concern.body_id is not None:
        people, workspace = inbox.people_in(concern.body_id, "registrar"), "registrar"
    else:
        people, workspace = inbox.people_in(None, "oversight"), "oversight"
    inbox.notify(
        people,
        "concern_raised",
        f"A new concern has been raised ({concern.reference})",
        f"/workspace/{workspace}/concerns/{concern.reference}",
    )


def on_programme_event(recorded: events.ProgrammeEventRecorded) -> None:
    """A submission tells the registrars who may decide on it: its body's, or, while it waits for a
    first decision, every body's (never the provider's own staff). A body's decision tells the
    provider's trainers."""
    event = recorded.event
    programme = event.programme
    if event.kind in ("submitted", "resubmitted"):
        staff = {person.id for person in inbox.people_acting_for(programme.provider_id)}
        inbox.notify(
            [person for person in inbox.people_in(programme.body_id, "registrar") if person.id not in staff],
            "application_received",
            f"A training programme is waiting for a decision ({programme.reference})",
            f"/workspace/registrar/programmes/{programme.reference}",
            organisation_id=programme.provider_id,
        )
        return
    inbox.notify(
        inbox.people_in(programme.provider_id, "trainer"),
        "programme_decided",
        f"A decision on your training programme {programme.reference}",
        f"/workspace/trainer/programmes/{programme.reference}",
        organisation_id=programme.provider_id,
    )


def _besides(actor: User | None, people: list[User]) -> list[User]:
    """``people`` less whoever made the change: nobody is told of what they did themselves."""
    return [person for person in people if actor is None or person.id != actor.id]


def on_panel_changed(changed: events.PanelChanged) -> None:
    """A request tells the mediator; their answer tells the provider's staff; an ending tells the
    other side (whoever did not end it)."""
    membership = changed.membership
    mediator, provider = membership.mediator, membership.provider
    to_mediator = _besides(changed.actor, _mediator_user(mediator.user_id))
    to_provider = _besides(changed.actor, inbox.people_in(provider.id, "provider"))
    mediator_page, panel_page = "/workspace/mediator/providers", "/workspace/provider/mediators"
    match membership.status:
        case "asked":
            people, subject, link = (
                to_mediator,
                f"{provider.name} asks you to join its panel of mediators",
                mediator_page,
            )
        case "confirmed" | "declined":
            people, link = to_provider, panel_page
            subject = f"{mediator.registration_number} has {membership.status} your request to join your panel"
        case _:
            ended_by_mediator = changed.actor is not None and changed.actor.id == mediator.user_id
            people, link = (to_provider, panel_page) if ended_by_mediator else (to_mediator, mediator_page)
            subject = f"The panel link between {provider.name} and {mediator.registration_number} has ended"
    inbox.notify(people, "provider_link", subject, link, mediator_id=mediator.id, organisation_id=provider.id)


def on_commissioning_changed(changed: events.CommissioningChanged) -> None:
    """A provider's proposal tells the LA's officers, who confirm it or not; a confirmation tells the
    provider's staff; a removal tells the other side."""
    service, provider_id = changed.service, changed.service.provider_id
    if provider_id is None:
        return
    officers = inbox.people_in(service.organisation_id, "la_officer")
    staff = inbox.people_in(provider_id, "provider")
    la_name, provider_name = service.organisation.name, service.provider_name
    officers_page, provider_page = f"/workspace/local-authority/services/{service.id}", "/workspace/provider"
    if changed.step == "proposed":
        people, subject, link = (
            officers,
            f"{provider_name} asks {la_name} to confirm it commissions them",
            officers_page,
        )
    elif changed.step == "confirmed":
        people, subject, link = staff, f"{la_name} has confirmed that it commissions your service", provider_page
    else:
        removed_by_la = changed.actor is not None and any(p.id == changed.actor.id for p in officers)
        people, link = (staff, provider_page) if removed_by_la else (officers, "/workspace/local-authority")
        subject = f"{la_name}'s commissioned service run by {provider_name} has been removed"
    inbox.notify(
        _besides(changed.actor, people),
        "provider_link",
        subject,
        link,
        organisation_id=provider_id,
    )


# The daily reminders: each once per person per occasion (``dedupe_key``), however often the job runs.


def remind_renewals_due(today: date) -> int:
    """Mediators whose accreditation runs out within ``RENEWAL_NOTICE_DAYS`` and who have not asked to
    renew it yet. How many were told."""
    pending = exists().where(RenewalRequest.accreditation_id == Accreditation.id, RenewalRequest.status == "pending")
    due = db.session.scalars(
        select(Accreditation).where(
            Accreditation.status == "accredited",
            Accreditation.valid_until.between(today, today + timedelta(days=RENEWAL_NOTICE_DAYS)),
            ~pending,
        )
    ).all()
    told = 0
    for accreditation in due:
        assert accreditation.valid_until is not None  # the filter above
        told += len(
            inbox.notify(
                _mediator_user(accreditation.mediator.user_id),
                "renewal_due",
                f"Your accreditation runs until {clock.long_date(accreditation.valid_until)}: ask to renew it",
                "/workspace/mediator/renewal",
                dedupe_key=f"renewal_due:{accreditation.id}:{accreditation.valid_until.isoformat()}",
                mediator_id=accreditation.mediator_id,
            )
        )
    return told


def returns_due(today: date) -> tuple[int, int, date] | None:
    """The quarter whose returns are due now (year, quarter, due date), or None: a calendar quarter's
    outcome returns are due by the end of the month after it ends, and providers are reminded from
    the first day after it ends until then."""
    year, quarter = (today.year, (today.month - 1) // 3) if today.month > 3 else (today.year - 1, 4)
    ended = (date(year, 3 * quarter, 1) + timedelta(days=31)).replace(day=1)  # the first day after the quarter
    due = (ended + timedelta(days=32)).replace(day=1) - timedelta(days=1)  # the end of that month
    return (year, quarter, due) if today <= due else None


def remind_returns_due(today: date) -> int:
    """Every mediation provider without a return for the quarter now due: its staff are told once."""
    found = returns_due(today)
    if found is None:
        return 0
    year, quarter, due = found
    returned = exists().where(
        OutcomeReturn.provider_id == Organisation.id, OutcomeReturn.year == year, OutcomeReturn.quarter == quarter
    )
    providers = db.session.scalars(
        select(Organisation).where(Organisation.kind == "mediation_provider", ~returned).order_by(Organisation.id)
    ).all()
    told = 0
    for provider in providers:
        told += len(
            inbox.notify(
                inbox.people_in(provider.id, "provider"),
                "return_due",
                f"Your outcome returns for {quarter_label(year, quarter)} are due by {clock.long_date(due)}",
                "/workspace/provider/returns/new",
                dedupe_key=f"return_due:{provider.id}:{year}-{quarter}",
                organisation_id=provider.id,
            )
        )
    return told


def subscribe(subscribers: events.Subscribers) -> None:
    """Wire the subscribers above (called by ``registry.domain.subscriptions``)."""
    subscribers.subscribe(events.AccreditationEventRecorded, on_accreditation_event)
    subscribers.subscribe(events.RenewalRequested, on_renewal_requested)
    subscribers.subscribe(events.LogEntryReviewed, on_log_entry_reviewed)
    subscribers.subscribe(events.ConcernRaised, on_concern_raised)
    subscribers.subscribe(events.ProgrammeEventRecorded, on_programme_event)
    subscribers.subscribe(events.PanelChanged, on_panel_changed)
    subscribers.subscribe(events.CommissioningChanged, on_commissioning_changed)
    subscribers.subscribe(events.StandardsPublished, on_standards_published)


def on_standards_published(published: events.StandardsPublished) -> None:
    """A version published after a consultation tells every mediator and LA officer what it is and
    when it takes effect; the link is its consultation response, which links the version itself."""
    consultation = published.consultation
    people = [*inbox.people_in(None, "mediator"), *inbox.people_in(None, "la_officer")]
    subject = (
        f"Version {consultation.version} of the {consultation.title} is published: "
        f"it takes effect on {published.takes_effect_on:%-d %B %Y}"
    )
    link = f"/standards/{consultation.family}/{consultation.version}/consultation/response"
    inbox.notify(people, "standards_published", subject, link, dedupe_key=f"standards:{consultation.id}")
