"""Ownership, for every state-changing route, generated from ``app.url_map`` (DESIGN §12, threat 1).

Every url rule whose methods include POST, PUT, PATCH or DELETE gives one ``"METHOD endpoint"``
pair, and each pair must be in exactly one of two tables:

- ``OWNED``: a scenario that builds, with the factories, something organisation X owns (a body's
  accreditation, a provider's programme, an LA's key, a mediator's log entry...) and the request
  (address, and a form or JSON body) that would succeed for X. Every person of another
  organisation whose capability would otherwise allow the action sends it, with a valid CSRF token
  from a page of their own session, and must get 403 or 404 with nothing changed in the database:
  every table's row count and a hash of every row are compared. Then the rightful owner sends the
  same request and must succeed, which proves that the request was valid and that the refusals
  came from ownership, not from the CSRF check or validation.
- ``EXEMPT``: routes that are not actions on something another organisation owns, and why.

A new state-changing route in neither table fails ``test_every_state_changing_route_is_classified``,
so a route cannot ship without an ownership rule (or a stated reason it needs none).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from io import BytesIO

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, inspect, select, text
from werkzeug.test import TestResponse

from registry.domain import accreditation as lifecycle
from registry.domain import clock, inbox, training, watchlist
from registry.domain.accreditation.standards_access import criterion_codes
from registry.domain.commissioned_services import ServiceInput, add_service, propose_service
from registry.domain.concerns import ConcernInput, raise_concern
from registry.domain.declarations import DeclarationInput, add_declaration
from registry.domain.oversight import actions, concern_handling, returns, reviews
from registry.domain.oversight.returns_csv import COLUMNS
from registry.domain.providers import panel
from registry.domain.webhooks import subscriptions as webhook_subscriptions
from registry.extensions import db
from registry.models import (
    Accreditation,
    Concern,
    Mediator,
    Organisation,
    RenewalRequest,
    TrainingProgramme,
    User,
    WatchlistItem,
)
from tests.accreditation.conftest import DECLARATIONS, assess_all
from tests.api import conftest as api_fixtures
from tests.conftest import csrf_token_from
from tests.fixtures.clients import sign_in
from tests.fixtures.factories import Factories
from tests.mediator.conftest import add_entry
from tests.oversight.test_returns import GOOD
from tests.training.conftest import content

# The API fixtures (an LA's organisation, its keys) live in tests/api/conftest.py.
la_organisation = api_fixtures.la_organisation
api_key = api_fixtures.api_key

STATE_CHANGING = ("POST", "PUT", "PATCH", "DELETE")
REFUSED = (403, 404)
CSRF_PAGE = "/check"  # any page of the person's own session serves a token for every form
LEEDS = "E08000035"
# Bookkeeping a request by anyone may write: a session's last-seen time (at most once a minute)
# and a key's last use (to the minute). Neither is a change to anyone's records.
VOLATILE = {"user_sessions": {"last_seen_at"}, "api_keys": {"last_used_at"}}


# The people and requests of a scenario.


@dataclass
class Actor:
    who: str
    client: FlaskClient
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Upload:
    content: bytes
    filename: str = "upload.csv"


@dataclass
class Case:
    """One request that must be refused for every one of ``intruders`` and succeed for ``owner``
    (``None`` only where the address itself is one nobody may use for that object)."""

    method: str
    path: str
    owner: Actor | None
    intruders: list[Actor]
    form: dict[str, object] | None = None  # a page's form; a CSRF token is added, Upload values become files
    json: object | None = None  # an API body
    owner_status: int = 302


@dataclass
class Kit:
    """What scenarios build with: the factories and signed-in people, one organisation at a time."""

    app: Flask
    factories: type[Factories]
    client_as: Callable[..., FlaskClient]
    api_key: Callable[..., object]
    la_organisation: Callable[..., Organisation]

    def organisation(self, kind: str, **fields: object) -> Organisation:
        if kind == "local_authority":
            return self.la_organisation()
        return self.factories.organisation(kind=kind, **fields)

    def person(self, who: str, role: str, organisation: Organisation | None = None) -> Actor:
        return Actor(who, self.client_as(role, organisation=organisation))

    def signed_in(self, who: str, user: User) -> Actor:
        client = self.app.test_client()
        sign_in(client, user)
        return Actor(who, client)

    def key(self, who: str, organisation: Organisation) -> Actor:
        new = self.api_key(organisation)
        return Actor(who, self.app.test_client(), {"Authorization": f"Bearer {new.token}"})  # type: ignore[attr-defined]

    def mediator(self, who: str) -> tuple[Actor, Mediator]:
        """A signed-in mediator with a record of their own on the register."""
        actor = self.person(who, "mediator")
        mediator = self.factories.mediator(user_id=actor.client.user.id)  # type: ignore[attr-defined]
        return actor, mediator


# Building what organisation X owns.


def _accredited_mediator(kit: Kit, body: Organisation, status: str = "accredited") -> Accreditation:
    """A mediator who can sign in, with an accreditation by ``body`` in ``status`` (valid for another 264 days)."""
    user = kit.factories.person_with_role("mediator")
    mediator = kit.factories.mediator(user_id=user.id)
    return kit.factories.accreditation(mediator, body=body, status=status)


def _application(kit: Kit, body: Organisation, *, assessed: bool) -> Accreditation:
    user = kit.factories.person_with_role("mediator")
    mediator = kit.factories.mediator(user_id=user.id)
    accreditation = lifecycle.apply(mediator, body, user, DECLARATIONS)
    if assessed:
        assess_all(accreditation, kit.factories.person_with_role("registrar", body))
    return accreditation


def _bodies(kit: Kit) -> tuple[Organisation, Actor, Actor]:
    """Body X, a registrar of X (the owner) and a registrar of another body Y."""
    body = kit.organisation("accrediting_body", name="First Mediation Body")
    other = kit.organisation("accrediting_body", name="Second Mediation Body")
    return (
        body,
        kit.person("registrar of X", "registrar", body),
        kit.person("registrar of another body", "registrar", other),
    )


def _decision_form(accreditation: Accreditation, **fields: object) -> dict[str, object]:
    return {"version": str(accreditation.version), "confirm": "y", **fields}


REGISTRAR_DECISIONS: dict[str, tuple[str, dict[str, object]]] = {
    # slug: (status the accreditation needs, the decision's own answers)
    "accredit": ("applied", {}),
    "refuse": ("applied", {"reason": "Not enough practice."}),
    "renew": ("accredited", {"compliant": "y"}),
    "conditions": ("accredited", {"conditions": "Supervision every month."}),
    "suspend": ("accredited", {"reason": "Complaint under review", "public_note": "Paused while we look into it."}),
    "reinstate": ("suspended", {}),
    "withdraw": ("accredited", {"reason": "Misconduct"}),
    "resign": ("accredited", {}),
}


def _registrar_decision(slug: str) -> Callable[[Kit], list[Case]]:
    def scenario(kit: Kit) -> list[Case]:
        body, owner, intruder = _bodies(kit)
        status, answers = REGISTRAR_DECISIONS[slug]
        found = (
            _application(kit, body, assessed=True) if status == "applied" else _accredited_mediator(kit, body, status)
        )
        path = f"/workspace/registrar/accreditations/{found.id}/{slug}"
        return [Case("POST", path, owner, [intruder], form=_decision_form(found, **answers))]

    return scenario


def assessment(kit: Kit) -> list[Case]:
    body, owner, intruder = _bodies(kit)
    found = _application(kit, body, assessed=False)
    code = criterion_codes(found.standards_version)[0]
    key = code.replace("-", "_").replace(".", "_")
    form = {f"outcome_{key}": "met", f"notes_{key}": "Seen in the role-play."}
    return [Case("POST", f"/workspace/registrar/applications/{found.id}", owner, [intruder], form=form)]


def log_entry_review(kit: Kit) -> list[Case]:
    body, owner, intruder = _bodies(kit)
    found = _accredited_mediator(kit, body)
    entry = add_entry(found.mediator, "cpd", "send_law_policy_practice", "1.5")
    form = {"decision": "verify", "note": "", "expected_version": str(entry.version)}
    return [Case("POST", f"/workspace/registrar/log-entries/{entry.id}", owner, [intruder], form=form)]


def renewal_request(kit: Kit) -> list[Case]:
    body, owner, intruder = _bodies(kit)
    found = _accredited_mediator(kit, body)
    request = RenewalRequest(
        accreditation=found,
        period_start=found.valid_from,
        period_end=found.valid_until,
        scheme_version="1.0",
        compliant=True,
        status="pending",
    )
    db.session.add(request)
    db.session.flush()
    form = {"decision": "decline", "note": "Your log is short of supervision.", "expected_version": str(found.version)}
    return [Case("POST", f"/workspace/registrar/renewals/{request.id}", owner, [intruder], form=form)]


# Concerns: a body's registrars handle concerns about its mediators; oversight those about providers.


def _concern(subject: str, *, number: str | None = None, provider_id: int | None = None) -> Concern:
    return raise_concern(
        ConcernInput(
            subject=subject,
            description="Private details of what happened",
            registration_number=number,
            provider_id=provider_id,
            raised_by_name="Sam Parent",
            raised_by_email="parent@example.com",
        ),
        today=clock.today(),
    )


def _concern_handling(step: str, answers: dict[str, object]) -> Callable[[Kit], list[Case]]:
    """``step`` is the address's last part: triage, notes or outcome (the last two of a concern under
    investigation). An outcome's form carries the version of the accreditation it may change (0: none)."""

    def scenario(kit: Kit) -> list[Case]:
        body, owner, intruder = _bodies(kit)
        panel = kit.person("oversight", "oversight")
        accreditation = _accredited_mediator(kit, body)
        about_mediator = _concern("mediator", number=accreditation.mediator.registration_number)
        about_provider = _concern("provider", provider_id=kit.organisation("mediation_provider").id)
        assert about_mediator.body_id == body.id and about_provider.body_id is None
        if step != "triage":
            concern_handling.triage(about_mediator, True, "", "", kit.factories.person_with_role("registrar", body))
            concern_handling.triage(about_provider, True, "", "", kit.factories.person_with_role("oversight"))
        versions = {"expected_version": str(accreditation.version)} if step == "outcome" else {}
        mine, theirs = {**answers, **versions}, {**answers, **({"expected_version": "0"} if versions else {})}
        return [
            # A body's concern: never another body's registrars, nor oversight, from either workspace.
            Case("POST", f"/workspace/registrar/concerns/{about_mediator.reference}/{step}", owner, [intruder, panel],
                 form=mine),
            Case("POST", f"/workspace/oversight/concerns/{about_mediator.reference}/{step}", None,
                 [intruder, panel, owner], form=mine),  # nobody handles a body's concern from there
            # A concern about a provider is oversight's: no registrar handles it.
            Case("POST", f"/workspace/oversight/concerns/{about_provider.reference}/{step}", panel, [intruder, owner],
                 form=theirs),
        ]  # fmt: skip

    return scenario


def action_response(kit: Kit) -> list[Case]:
    """An oversight action belongs to its owner organisation; anyone acting for another is refused."""
    body, owner, intruder = _bodies(kit)
    panel = kit.factories.person_with_role("oversight")
    plan = reviews.ReviewPlan(
        "accrediting_body",
        "thematic",
        "Concern handling",
        clock.today() - timedelta(days=365),
        clock.today() - timedelta(days=1),
        organisation_id=body.id,
    )
    review = reviews.plan_review(plan, panel)
    action = actions.add_action(review, body.id, "Publish a complaints procedure", clock.today() + timedelta(30), panel)
    others = [
        intruder,
        kit.person("trainer of a training provider", "trainer"),
        kit.person("staff of a mediation provider", "provider"),
        kit.person("officer of a local authority", "la_officer", kit.organisation("local_authority")),
    ]
    form = {"response": "Published on our website.", "done": "y"}
    return [Case("POST", f"/workspace/actions/{action.id}", owner, others, form=form)]


# Training programmes: a provider's trainers keep them; the body that accredits one decides on it.


def _provider(kit: Kit) -> tuple[Organisation, User]:
    provider = kit.organisation("training_provider", name="Kestrel Mediation Academy")
    return provider, kit.factories.person_with_role("trainer", provider)


def _programme(kit: Kit, provider: Organisation, trainer: User, status: str, body: Organisation | None):
    programme = training.submit_programme(provider, trainer, "foundation", content()).programme
    decider = kit.factories.person_with_role("registrar", body) if body is not None else None
    if status == "refused_and_resubmitted":
        training.refuse(programme, decider, body, reason="Not enough role-play.")
        training.submit_version(programme, trainer, content(title="Foundation SEND mediation, improved"))
    elif status != "submitted":
        training.accredit(programme, decider, body)
        if status == "suspended":
            training.suspend(programme, decider, body, reason="Complaint", public_note="Paused.")
    return programme


def programme_decision(kit: Kit) -> list[Case]:
    """The exploit of issue 13 and its relatives: another body's registrar never decides on (and so
    never takes over) what body X accredits; a programme waiting for its first decision is any
    body's to take, but never its own provider's staff's."""
    body, owner, intruder = _bodies(kit)
    provider, trainer = _provider(kit)
    on_staff = kit.factories.person_with_role("registrar", body)
    kit.factories.role(user=on_staff, role="trainer", organisation=provider)
    insider = kit.signed_in("registrar of X on the provider's staff", on_staff)
    attempts = [  # (status it is brought to, decision, answers)
        ("accredited", "suspend", {"reason": "Complaint", "public_note": "Paused while we look into it."}),
        ("accredited", "withdraw", {"reason": "Misconduct"}),
        ("suspended", "reinstate", {"public_note": "Back in good standing."}),
        ("refused_and_resubmitted", "accredit", {}),
        ("refused_and_resubmitted", "refuse", {"reason": "Still not enough role-play."}),
    ]
    cases = []
    for status, decision, answers in attempts:
        programme = _programme(kit, provider, trainer, status, body)
        form = {**answers, "expected_version": str(programme.row_version)}
        path = f"/workspace/registrar/programmes/{programme.reference}/{decision}"
        cases.append(Case("POST", path, owner, [intruder, insider], form=form))
    waiting = _programme(kit, provider, trainer, "submitted", None)
    form = {"expected_version": str(waiting.row_version)}
    path = f"/workspace/registrar/programmes/{waiting.reference}/accredit"
    cases.append(
        Case("POST", path, Actor("registrar of any body, the first to decide", intruder.client), [insider], form=form)
    )
    return cases


def _trainers(kit: Kit, status: str) -> tuple[TrainingProgramme, Actor, Actor]:
    provider, trainer = _provider(kit)
    body = kit.organisation("accrediting_body") if status != "submitted" else None
    programme = _programme(kit, provider, trainer, status, body)
    owner = kit.person("trainer of the provider", "trainer", provider)
    return programme, owner, kit.person("trainer of another provider", "trainer")


def new_programme_version(kit: Kit) -> list[Case]:
    programme, owner, intruder = _trainers(kit, "submitted")
    form = {
        "title": "Foundation SEND mediation, second edition",
        "summary": "",
        "total_hours": "40",
        "practical_hours": "20",
        "delivery_mode": "in_person",
        "assessment_method": "observed_role_play",
        "criteria_covered": ["MS-1.1", "MS-4.1", "MS-6.1"],
        "expected_version": str(programme.row_version),
    }
    path = f"/workspace/trainer/programmes/{programme.reference}/new-version"
    return [Case("POST", path, owner, [intruder], form=form)]


def one_completion(kit: Kit) -> list[Case]:
    programme, owner, intruder = _trainers(kit, "accredited")
    today = clock.today()
    form = {
        "registration_number": kit.factories.mediator().registration_number,
        "completed_on": [str(today.day), str(today.month), str(today.year)],
        "version": "",
    }
    path = f"/workspace/trainer/programmes/{programme.reference}/completions"
    return [Case("POST", path, owner, [intruder], form=form)]


def completions_upload(kit: Kit) -> list[Case]:
    programme, owner, intruder = _trainers(kit, "accredited")
    rows = f"registration number,completed on\r\n{kit.factories.mediator().registration_number},{clock.today()}\r\n"
    path = f"/workspace/trainer/programmes/{programme.reference}/completions/upload"
    return [Case("POST", path, owner, [intruder], form={"file": Upload(rows.encode())})]


# Outcome returns: a mediation provider's own.


def _return_answers(provider: Organisation, **figures: int) -> dict[str, object]:
    values = GOOD | figures
    year = str(clock.today().year)
    return {
        "provider_id": str(provider.id),
        "local_authority": LEEDS,
        "year": year,
        "quarter": "1",
        **{name: str(value) for name, value in values.items()},
        "note": "",
    }


def _providers(kit: Kit) -> tuple[Organisation, Actor, Actor]:
    provider = kit.organisation("mediation_provider", name="Mediation Works")
    owner = kit.person("staff of the provider", "provider", provider)
    return provider, owner, kit.person("staff of another provider", "provider")


def return_correction(kit: Kit) -> list[Case]:
    provider, owner, intruder = _providers(kit)
    staff = kit.factories.person_with_role("provider", provider)
    year = clock.today().year
    found = returns.submit(provider, returns.ReturnInput(LEEDS, year, 1, GOOD), staff).outcome_return
    form = _return_answers(provider, agreements_none=2)
    return [Case("POST", f"/workspace/provider/returns/{found.id}/correct", owner, [intruder], form=form)]


def new_return(kit: Kit) -> list[Case]:
    """Naming another provider in the form is acting on that provider's returns."""
    provider, owner, intruder = _providers(kit)
    return [Case("POST", "/workspace/provider/returns/new", owner, [intruder], form=_return_answers(provider))]


def returns_upload(kit: Kit) -> list[Case]:
    provider, owner, intruder = _providers(kit)
    good = ",".join(str(value) for value in GOOD.values())
    rows = ",".join(COLUMNS) + f"\r\n{LEEDS},{clock.today().year},1,{good},\r\n"
    form = {"provider_id": str(provider.id), "file": Upload(rows.encode(), "returns.csv")}
    return [Case("POST", "/workspace/provider/returns/upload", owner, [intruder], form=form)]


# Local authorities: their API keys and watchlists.


def key_revocation(kit: Kit) -> list[Case]:
    la = kit.organisation("local_authority")
    key = kit.api_key(la).key  # type: ignore[attr-defined]
    owner = kit.person("officer of the LA", "la_officer", la)
    intruder = kit.person("officer of another LA", "la_officer", kit.organisation("local_authority"))
    return [Case("POST", f"/workspace/local-authority/api-keys/{key.id}/revoke", owner, [intruder], form={})]


def webhook_actions(kit: Kit) -> list[Case]:
    """Pausing, resuming or deleting another LA's webhook."""
    la = kit.organisation("local_authority")
    key = kit.api_key(la).key  # type: ignore[attr-defined]
    owner = kit.person("officer of the LA", "la_officer", la)
    intruder = kit.person("officer of another LA", "la_officer", kit.organisation("local_authority"))
    cases = []
    for action in ("pause", "resume", "delete"):
        url, token = "https://webhooks.example.org/in", f"{action}-" * 4
        new = webhook_subscriptions.create_subscription(
            la, None, api_key_id=key.id, url=url, scope="area", form_token=token
        )
        if action == "resume":
            webhook_subscriptions.pause(new.subscription, None)
        path = f"/workspace/local-authority/api-keys/webhooks/{new.subscription.id}/{action}"
        cases.append(Case("POST", path, owner, [intruder], form={}))
    return cases


def commissioned_services(action: str) -> Callable[[Kit], list[Case]]:
    """Changing or removing the mediation service another LA commissions."""

    def scenario(kit: Kit) -> list[Case]:
        la = kit.organisation("local_authority")
        owner = kit.person("officer of the LA", "la_officer", la)
        intruder = kit.person("officer of another LA", "la_officer", kit.organisation("local_authority"))
        answers = ServiceInput("Steel City Mediation", "Phone us.", date(2022, 4, 1), email="m@steelcity.example")
        service = add_service(la, answers, None)
        form: dict[str, object] = {}
        if action == "edit":
            form = {
                "provider_name": "Steel City Family Mediation",
                "email": "m@steelcity.example",
                "how_to_refer": "Phone us.",
                "since": ["1", "4", "2022"],
            }
        path = f"/workspace/local-authority/services/{service.id}" + ("/remove" if action == "remove" else "")
        return [Case("POST", path, owner, [intruder], form=form)]

    return scenario


# Mediation providers: their panel (each link the mediator's to answer) and the LAs that commission them.


def _panel_request(kit: Kit, provider: Organisation, status: str = "asked") -> tuple[Actor, object]:
    """A mediator provider X asked (and, for ``confirmed``, who confirmed), signed in."""
    owner, mediator = kit.mediator("the mediator asked")
    kit.factories.accreditation(mediator)
    membership = panel.ask(provider, mediator.registration_number, None)
    if status == "confirmed":
        panel.confirm(membership, None)
    return owner, membership


def provider_panel(kit: Kit) -> list[Case]:
    """Ending (or withdrawing) a link on another provider's panel."""
    provider, owner, intruder = _providers(kit)
    _, asked = _panel_request(kit, provider)
    mediator, confirmed = _panel_request(kit, provider, "confirmed")
    others = [intruder, mediator]  # the mediator answers from their own workspace, never the provider's
    return [
        Case("POST", f"/workspace/provider/mediators/{asked.id}/end", owner, others, form={}),  # type: ignore[attr-defined]
        Case("POST", f"/workspace/provider/mediators/{confirmed.id}/end", owner, others, form={}),  # type: ignore[attr-defined]
    ]


def panel_answers(kit: Kit) -> list[Case]:
    """Only the mediator asked confirms, declines or ends: never another mediator, nor the provider's staff."""
    provider, staff, _ = _providers(kit)
    cases = []
    for answer, status in (("confirm", "asked"), ("decline", "asked"), ("end", "confirmed")):
        owner, membership = _panel_request(kit, provider, status)
        intruder, _ = kit.mediator("another mediator")
        path = f"/workspace/mediator/providers/{membership.id}/{answer}"  # type: ignore[attr-defined]
        cases.append(Case("POST", path, owner, [intruder, staff], form={}))
    return cases


def _proposed_service(kit: Kit) -> tuple[object, Organisation, Actor, Actor]:
    """A service provider X says LA Y commissions: (service, Y, staff of X, staff of another provider)."""
    provider, staff, other_staff = _providers(kit)
    la = kit.organisation("local_authority")
    answers = ServiceInput("Mediation Works", "Phone us.", date(2022, 4, 1), email="m@works.example")
    return propose_service(provider, la.id, answers, None), la, staff, other_staff


def provider_service_end(kit: Kit) -> list[Case]:
    service, la, owner, intruder = _proposed_service(kit)
    la_officer = kit.person("officer of the LA", "la_officer", la)
    path = f"/workspace/provider/local-authorities/{service.id}/end"  # type: ignore[attr-defined]
    return [Case("POST", path, owner, [intruder, la_officer], form={})]


def service_confirmation(kit: Kit) -> list[Case]:
    """Only the LA named confirms a provider's proposal: never another LA, nor the provider itself."""
    service, la, staff, _ = _proposed_service(kit)
    owner = kit.person("officer of the LA", "la_officer", la)
    other_la = kit.person("officer of another LA", "la_officer", kit.organisation("local_authority"))
    path = f"/workspace/local-authority/services/{service.id}/confirm"  # type: ignore[attr-defined]
    return [Case("POST", path, owner, [other_la, staff], form={})]


def api_unwatch(kit: Kit) -> list[Case]:
    la = kit.organisation("local_authority")
    mediator = _accredited_mediator(kit, kit.organisation("accrediting_body")).mediator
    watchlist.add(la, mediator.registration_number, None)
    owner = kit.key("the LA's key", la)
    intruder = kit.key("another LA's key", kit.organisation("local_authority"))
    path = f"/api/v1/watchlist/{mediator.registration_number}"
    return [Case("DELETE", path, owner, [intruder], owner_status=204)]


# A mediator's own log, declarations and accreditation.


def _log_entry_case(action: str, answers: Callable[[], dict[str, object]]) -> Callable[[Kit], list[Case]]:
    def scenario(kit: Kit) -> list[Case]:
        owner, mediator = kit.mediator("the mediator")
        intruder, _ = kit.mediator("another mediator")
        status = "verified" if action == "annotate" else "declared"  # a note goes on a reviewed entry
        entry = add_entry(mediator, "cpd", "send_law_policy_practice", "1.5", status=status)
        form = {**answers(), "expected_version": str(entry.version)} if action == "edit" else answers()
        return [Case("POST", f"/workspace/mediator/log/{entry.id}/{action}", owner, [intruder], form=form)]

    return scenario


def _cpd_answers() -> dict[str, object]:
    day = clock.today() - timedelta(days=3)
    return {
        "category": "send_law_policy_practice",
        "occurred_on": [str(day.day), str(day.month), str(day.year)],
        "hours": "2",
        "title": "Tribunal update webinar",
        "provider": "SEND Law Network",
        "reflection": "Useful on the new guidance.",
    }


def _declaration_case(action: str, form: dict[str, object]) -> Callable[[Kit], list[Case]]:
    def scenario(kit: Kit) -> list[Case]:
        owner, mediator = kit.mediator("the mediator")
        intruder, _ = kit.mediator("another mediator")
        declaration = add_declaration(
            mediator,
            owner.client.user,  # type: ignore[attr-defined]
            DeclarationInput("conflict", "other", date(2025, 1, 1), other_body="A school trust"),
        )
        path = f"/workspace/mediator/declarations/{declaration.id}/{action}"
        return [Case("POST", path, owner, [intruder], form=form)]

    return scenario


DECLARATION_ANSWERS = {
    "kind": "conflict",
    "body_type": "other",
    "other_body": "A school trust",
    "local_authority_id": "0",
    "organisation_id": "0",
    "started_on": ["1", "1", "2025"],
    "ended_on": ["31", "7", "2025"],
}


def _own_accreditation(action: str) -> Callable[[Kit], list[Case]]:
    def scenario(kit: Kit) -> list[Case]:
        owner, mediator = kit.mediator("the mediator")
        intruder, _ = kit.mediator("another mediator")
        body = kit.organisation("accrediting_body")
        if action == "renewal-application":
            today = clock.today()
            found = kit.factories.accreditation(
                mediator,
                body=body,
                status="lapsed",
                valid_from=today - timedelta(400),
                valid_until=today - timedelta(35),
            )
            form: dict[str, object] = {
                "not_employed_by_local_authority": "y",
                "independent_of_health_bodies": "y",
                "has_indemnity_insurance": "y",
                "training_completed": DECLARATIONS.training_completed,
                "practice_experience": DECLARATIONS.practice_experience,
                "consents_to_publication": "y",
            }
        else:
            found = kit.factories.accreditation(mediator, body=body)
            form = {"version": str(found.version), "confirm": "y", "reason": "Retiring."}
        path = f"/workspace/mediator/accreditation/{found.id}/{action}"
        return [Case("POST", path, owner, [intruder], form=form)]

    return scenario


def notification_read(kit: Kit) -> list[Case]:
    """A notification is its recipient's alone: a colleague in the same body, or anyone else, is refused."""
    body, owner, intruder = _bodies(kit)
    recipient = owner.client.user  # type: ignore[attr-defined]
    [notification] = inbox.notify([recipient], "application_received", "A new application", "/workspace/registrar")
    colleague = kit.person("registrar of the same body", "registrar", body)
    others = [intruder, colleague, kit.person("mediator", "mediator")]
    return [Case("POST", f"/workspace/notifications/{notification.id}/read", owner, others, form={})]


OWNED: dict[str, Callable[[Kit], list[Case]]] = {
    "POST notifications.mark_read": notification_read,
    "POST registrar.application": assessment,
    **{f"POST registrar.{slug}": _registrar_decision(slug) for slug in REGISTRAR_DECISIONS},
    "POST log_review.review_entry": log_entry_review,
    "POST log_review.renewal_request": renewal_request,
    "POST concern_handling.triage": _concern_handling("triage", {"within_scope": "yes", "note": "Looks serious."}),
    "POST concern_handling.add_note": _concern_handling("notes", {"text": "Spoke to the mediator."}),
    "POST concern_handling.outcome": _concern_handling(
        "outcome", {"outcome": "advice", "reason": "Advised on preparing the parties."}
    ),
    "POST actions.respond": action_response,
    "POST programme_decisions.decide": programme_decision,
    "POST trainer.new_version": new_programme_version,
    "POST trainer.completions": one_completion,
    "POST trainer.upload_completions": completions_upload,
    "POST returns.correct": return_correction,
    "POST returns.new": new_return,
    "POST returns.upload": returns_upload,
    "POST api_keys.revoke": key_revocation,
    "DELETE watchlist.WatchedMediator": api_unwatch,
    "POST webhooks.act": webhook_actions,
    "POST la.edit_service": commissioned_services("edit"),
    "POST la.remove_service": commissioned_services("remove"),
    "POST la.confirm_service": service_confirmation,
    "POST provider.end_membership": provider_panel,
    "POST provider.end_service": provider_service_end,
    "POST mediator.answer_provider": panel_answers,
    "POST mediator.edit_entry": _log_entry_case("edit", _cpd_answers),
    "POST mediator.delete_entry": _log_entry_case("delete", dict),
    "POST mediator.annotate_entry": _log_entry_case("annotate", lambda: {"annotation": "The slides are in my files."}),
    "POST mediator.edit_declaration": _declaration_case("edit", DECLARATION_ANSWERS),
    "POST mediator.remove_declaration": _declaration_case("remove", {}),
    "POST applications.renewal_application": _own_accreditation("renewal-application"),
    "POST applications.resign": _own_accreditation("resign"),
}

PUBLIC = "public: anyone may send it and it acts on no organisation's records"
ONE_TIME_LINK = "acts only on the account the one-time link from its email was made for"
OWN_ACCOUNT = "the signed-in person's own account, found from their session; no address names anyone else's"
ADMIN = "register-wide administration by the operator (admin), who belongs to no organisation"
OVERSIGHT = (
    "the oversight panel works register-wide (DESIGN §2): its reviews and audits belong to no other organisation"
)
OWN_RECORD = "the signed-in mediator's own record, found from their session; no address or answer names another's"
OWN_PROVIDER = "the signed-in staff member's own mediation provider, from the session; the request cannot name another"
OWN_LA = (
    "the signed-in officer's (or key's) own local authority, from the session or key; the request cannot name another"
)

STANDARDS_GROUP = (
    "the standards working group works register-wide on consultations, which belong to no organisation; a role "
    "only an admin grants (tests/consultations/test_responses.py: nobody else reaches them)"
)

EXEMPT: dict[str, str] = {
    "POST account.sign_in": PUBLIC,
    "POST consultations.respond": PUBLIC + " (a response to an open consultation, verified by email)",
    "POST consultations.verify": "acts only on the response the one-time link from its email was made for",
    "POST consultation_work.tag": STANDARDS_GROUP,
    "POST consultation_work.hide": STANDARDS_GROUP,
    "POST consultation_work.decide": STANDARDS_GROUP,
    "POST account.sign_in_code": "the second step of signing in, for the person half signed in on this browser",
    "POST account.sign_in_set_up_code": "setting up a second factor while signing in, for that person only",
    "POST account.sign_out": "ends the browser's own session",
    "POST account_links.forgot_password": PUBLIC + " (it sends a reset link to the address's owner)",
    "POST account_links.invitation": ONE_TIME_LINK,
    "POST account_links.reset_password": ONE_TIME_LINK,
    "POST account.change_password": OWN_ACCOUNT,
    "POST account.new_recovery_codes": OWN_ACCOUNT,
    "POST account.set_up_second_factor": OWN_ACCOUNT,
    "POST account.remove_second_factor": OWN_ACCOUNT,
    "POST account.sign_out_everywhere": OWN_ACCOUNT,
    "POST notifications.mark_all_read": OWN_ACCOUNT + " (the person's own notifications)",
    "POST notifications.settings": OWN_ACCOUNT + " (the person's own choice of emails)",
    "POST check.check": PUBLIC,
    "POST check.download": PUBLIC,
    "POST verify.verify": PUBLIC + " (checks a pasted credential; changes and keeps nothing)",
    "POST concerns.new": PUBLIC + " (the public concern form)",
    "POST admin.add_organisation": ADMIN,
    "POST admin.organisation": ADMIN,
    "POST admin.add_person": ADMIN,
    "POST admin.deactivate": ADMIN,
    "POST admin.send_invitation": ADMIN,
    "POST admin.reactivate": ADMIN,
    "POST admin.give_role": ADMIN,
    "POST admin.remove_role": ADMIN,
    "POST admin.remove_second_factor": ADMIN,
    "POST oversight.plan_review": OVERSIGHT,
    "POST oversight.finding": OVERSIGHT,
    "POST oversight.add_action": OVERSIGHT,
    "POST oversight.publish": OVERSIGHT,
    "POST oversight.draw_sample": OVERSIGHT,
    "POST oversight.audit_member": OVERSIGHT,
    "POST trainer.new": "creates a programme for one of the trainer's own providers: the form offers only those "
    "(test_a_trainer_cannot_submit_for_another_provider)",
    "POST applications.apply": "a mediator applies for themselves; the body chosen is where the application goes, "
    "not something the mediator acts on",
    "POST mediator.profile": OWN_RECORD,
    "POST mediator.renewal": OWN_RECORD,
    "POST mediator.choose_kind": OWN_RECORD + " (it only chooses the kind of a new entry)",
    "POST mediator.new_entry": OWN_RECORD,
    "POST mediator.import_log": OWN_RECORD,
    "POST mediator.new_declaration": OWN_RECORD,
    "POST api_keys.create": OWN_LA + ": a new key for it",
    "POST webhooks.create": OWN_LA + ": a new webhook for it, with one of its own active keys; another LA's key is "
    "refused (test_the_key_must_be_an_active_key_of_the_la)",
    "POST la.watchlist_add": OWN_LA + ": adds to its own watchlist",
    "POST la.new_service": OWN_LA + ": a new commissioned service for it",
    "POST provider.details": OWN_PROVIDER + ": its own public page",
    "POST provider.panel_page": OWN_PROVIDER + ": asks a mediator to join its own panel (public only once the "
    "mediator confirms: test_the_provider_asks_the_mediator_confirms_and_either_ends_it)",
    "POST provider.propose_service": OWN_PROVIDER + ": says an LA commissions it (public only once that LA "
    "confirms: test_a_provider_proposes_and_only_the_la_confirms)",
    "POST local_authorities.alerts": PUBLIC + " (anyone may ask for email alerts; only the address's owner confirms)",
    "POST local_authorities.confirm_alerts": "acts only on the alert subscription the one-time link from its email "
    "was made for",
    "POST local_authorities.unsubscribe": "acts only on the alert subscription its link (an HMAC under SECRET_KEY) "
    "was made for; a forged link is a 404 (test_a_forged_or_stale_unsubscribe_link_does_nothing)",
    "POST la.watchlist_remove": OWN_LA + " (test_removing_from_a_watchlist_never_touches_another_las)",
    "POST checks.CheckList": OWN_LA + ": a new stored check for it",
    "POST credentials.Verify": PUBLIC + " (checks a credential sent; changes and keeps nothing)",
    "PUT watchlist.WatchedMediator": OWN_LA
    + ": adds to its own watchlist (test_removing_from_a_watchlist_never_touches_another_las)",
}


# Walking the url map, and the database fingerprint.


def state_changing_routes(app: Flask) -> dict[str, str]:
    """``"METHOD endpoint"`` → its rule, for every state-changing method of every url rule."""
    routes: dict[str, str] = {}
    for rule in app.url_map.iter_rules():
        for method in sorted(set(rule.methods or ()) & set(STATE_CHANGING)):
            routes[f"{method} {rule.endpoint}"] = rule.rule
    return routes


def fingerprint() -> dict[str, tuple[int, str]]:
    """Every table: its row count and a hash of all its rows (in any order), apart from VOLATILE columns."""
    db.session.flush()
    connection = db.session.connection()
    prints: dict[str, tuple[int, str]] = {}
    for name in sorted(inspect(connection).get_table_names()):
        result = connection.execute(text(f'SELECT * FROM "{name}"'))
        keep = [i for i, column in enumerate(result.keys()) if column not in VOLATILE.get(name, set())]
        rows = sorted(repr(tuple(row[i] for i in keep)) for row in result)
        prints[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return prints


def changed_tables(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def _prepare(actor: Actor, case: Case) -> Callable[[], TestResponse]:
    """The request, ready to send; a page's CSRF token is fetched now, in the actor's session."""
    options: dict[str, object] = {"method": case.method, "headers": actor.headers}
    if case.form is not None:
        data: dict[str, object] = {"csrf_token": csrf_token_from(actor.client.get(CSRF_PAGE).text)}
        for name, value in case.form.items():
            data[name] = (BytesIO(value.content), value.filename) if isinstance(value, Upload) else value
        options["data"] = data
        if any(isinstance(value, Upload) for value in case.form.values()):
            options["content_type"] = "multipart/form-data"
    elif case.json is not None:
        options["json"] = case.json
    return lambda: actor.client.open(case.path, **options)


def _problems(response: TestResponse) -> str:
    """What an error summary says, or the start of the page."""
    found = re.findall(r'<a href="#[^"]*">([^<]+)</a>', response.text.split("govuk-error-summary", 1)[-1])
    return "; ".join(found[:10]) if "govuk-error-summary" in response.text else response.text[:400]


def attempt(actor: Actor, case: Case) -> tuple[TestResponse, list[str]]:
    """Send the case's request as ``actor``: the response, and the tables it changed."""
    send = _prepare(actor, case)
    before = fingerprint()
    response = send()
    db.session.expire_all()
    return response, changed_tables(before, fingerprint())


@pytest.fixture
def kit(app, factories, client_as, api_key, la_organisation) -> Kit:  # type: ignore[no-untyped-def]
    return Kit(app, factories, client_as, api_key, la_organisation)


# The generated tests.


def test_every_state_changing_route_is_classified(app: Flask, record_property) -> None:  # type: ignore[no-untyped-def]
    routes = state_changing_routes(app)
    both = sorted(OWNED.keys() & EXEMPT.keys())
    unclassified = sorted(routes.keys() - OWNED.keys() - EXEMPT.keys())
    stale = sorted((OWNED.keys() | EXEMPT.keys()) - routes.keys())
    assert not both, f"in both OWNED and EXEMPT: {both}"
    assert not unclassified, (
        "state-changing routes without an ownership rule: give each a scenario in OWNED (and a policy "
        f"predicate called through authorise in its view), or a reason in EXEMPT: {unclassified}"
    )
    assert not stale, f"no such route any more: {stale}"
    assert all(reason.strip() for reason in EXEMPT.values())
    record_property("ownership_total", len(routes))
    record_property("ownership_exempt", len(EXEMPT))
    print(f"ownership: {len(routes)} state-changing routes, {len(OWNED)} owned-object, {len(EXEMPT)} exempt")


@pytest.mark.parametrize("route", sorted(OWNED))
def test_other_organisations_are_refused(route: str, app: Flask, kit: Kit, record_property) -> None:  # type: ignore[no-untyped-def]
    cases = OWNED[route](kit)
    assert cases, f"{route}: the scenario sends nothing"
    adapter = app.url_map.bind("localhost")
    refused = allowed = 0
    for case in cases:
        method, endpoint = route.split(" ")
        assert case.method == method and adapter.match(case.path, method=method)[0] == endpoint, (
            f"{route}: the scenario's request {case.method} {case.path} is for another route"
        )
        assert case.intruders, f"{route}: nobody is refused"
        for intruder in case.intruders:
            response, changed = attempt(intruder, case)
            assert response.status_code in REFUSED, (
                f"{route}: {intruder.who} got {response.status_code} for {case.method} {case.path}"
            )
            assert not changed, f"{route}: {intruder.who} was refused but changed {changed}"
            refused += 1
        if case.owner is None:
            continue
        response, changed = attempt(case.owner, case)
        assert response.status_code == case.owner_status, (
            f"{route}: {case.owner.who} got {response.status_code} for {case.method} {case.path}, "
            f"expected {case.owner_status}: {_problems(response)}"
        )
        assert changed, f"{route}: {case.owner.who}'s request changed nothing, so it proves nothing"
        allowed += 1
    assert allowed, f"{route}: no rightful owner succeeded, so the refusals prove nothing"
    record_property("ownership_route", route)
    record_property("ownership_refused", refused)
    record_property("ownership_allowed", allowed)
    print(f"ownership: {route}: {refused} cross-organisation requests refused, {allowed} owner requests allowed")


# Focused tests: the exploit of issue 13, and routes that act only for the person's own organisation.


def test_the_second_body_cannot_suspend_and_take_over_the_first_bodys_programme(kit: Kit) -> None:
    """Signed in as a registrar of the second body, posting the suspend form (naming their own body)
    for a programme the first body accredited used to suspend it and make the second body its
    accrediting body. The API has no programme decisions (checked below), so pages are the way in."""
    first, first_registrar, second_registrar = _bodies(kit)
    second = second_registrar.client.user.roles[0].organisation  # type: ignore[attr-defined]
    provider, trainer = _provider(kit)
    programme = _programme(kit, provider, trainer, "accredited", first)
    path = f"/workspace/registrar/programmes/{programme.reference}/suspend"
    exploit = Case(
        "POST",
        path,
        first_registrar,
        [second_registrar],
        form={
            "body": str(second.id),
            "reason": "We say so",
            "public_note": "Suspended.",
            "expected_version": str(programme.row_version),
        },
    )
    response, changed = attempt(second_registrar, exploit)
    assert response.status_code == 403 and not changed
    assert (programme.status, programme.body_id) == ("accredited", first.id)
    response, changed = attempt(first_registrar, exploit)  # the body that accredits it still can
    assert response.status_code == 302 and changed
    assert (programme.status, programme.body_id) == ("suspended", first.id)
    assert programme.events[-1].body_id == first.id
    api_rules = [rule for rule in kit.app.url_map.iter_rules() if rule.rule.startswith("/api/v1/training-programmes")]
    assert api_rules and not any(set(rule.methods or ()) & set(STATE_CHANGING) for rule in api_rules)


def test_another_las_checks_are_not_found(kit: Kit) -> None:
    """Reading, not changing, but the same rule: LA B's key and officers never see LA A's checks."""
    la, other = kit.organisation("local_authority"), kit.organisation("local_authority")
    number = _accredited_mediator(kit, kit.organisation("accrediting_body")).mediator.registration_number
    mine = kit.key("the LA's key", la)
    made = mine.client.post("/api/v1/checks", json={"numbers": [number]}, headers=mine.headers)
    assert made.status_code == 201
    check_id = made.json["id"]
    theirs = kit.key("another LA's key", other)
    assert theirs.client.get(f"/api/v1/checks/{check_id}", headers=theirs.headers).status_code == 404
    assert mine.client.get(f"/api/v1/checks/{check_id}", headers=mine.headers).status_code == 200
    page = f"/workspace/local-authority/checks/{check_id}"
    assert kit.person("officer of another LA", "la_officer", other).client.get(page).status_code == 404
    assert kit.person("officer of the LA", "la_officer", la).client.get(page).status_code == 200


def test_removing_from_a_watchlist_never_touches_another_las(kit: Kit) -> None:
    la, other = kit.organisation("local_authority"), kit.organisation("local_authority")
    number = _accredited_mediator(kit, kit.organisation("accrediting_body")).mediator.registration_number
    watchlist.add(la, number, None)
    officer = kit.person("officer of another LA", "la_officer", other)
    page = Case(
        "POST", "/workspace/local-authority/watchlist/remove", officer, [], form={"registration_number": number}
    )
    response, changed = attempt(officer, page)
    assert response.status_code == 302 and not changed, "not on their own watchlist: nothing to remove"
    key = kit.key("another LA's key", other)
    response, changed = attempt(key, Case("DELETE", f"/api/v1/watchlist/{number}", key, []))
    assert response.status_code == 404 and not changed
    response, changed = attempt(key, Case("PUT", f"/api/v1/watchlist/{number}", key, []))
    assert response.status_code == 201 and changed, "watching adds to their own watchlist"
    items = db.session.scalars(select(WatchlistItem).order_by(WatchlistItem.organisation_id)).all()
    assert sorted(item.organisation_id for item in items) == sorted([la.id, other.id])


def test_a_trainer_cannot_submit_for_another_provider(kit: Kit) -> None:
    provider, _ = _provider(kit)
    intruder = kit.person("trainer of another provider", "trainer")
    form = {
        "provider": str(provider.id),
        "level": "foundation",
        "title": "Foundation in SEND mediation",
        "total_hours": "40",
        "practical_hours": "20",
        "delivery_mode": "in_person",
        "assessment_method": "observed_role_play",
        "criteria_covered": ["MS-1.1", "MS-4.1"],
    }
    response, changed = attempt(intruder, Case("POST", "/workspace/trainer/programmes/new", intruder, [], form=form))
    assert response.status_code in (200, *REFUSED) and not changed
    count = select(func.count()).select_from(TrainingProgramme).where(TrainingProgramme.provider_id == provider.id)
    assert db.session.scalar(count) == 0
