"""Register data for the website's browser tests, committed through the harness's ``seed``.

Each helper returns plain values (numbers, names), never ORM objects. Names carry a random token,
because the browser tests share one database for the whole session.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from registry.domain import api_keys, watchlist
from registry.domain.checks import run_check
from registry.domain.credentials.receipts import check_receipt
from registry.domain.local_authorities import find_local_authority
from registry.domain.users import find_user_by_email
from registry.domain.webhooks import sending
from registry.extensions import db
from registry.models import MediatorFormat, MediatorLanguage, MediatorSpecialism, Organisation
from tests.api.webhook_receiver import publish_change, subscribe
from tests.fixtures.factories import MediatorFactory, OrganisationFactory, make_accreditation

RUTLAND = "E06000017"


@dataclass(frozen=True)
class Listed:
    registration_number: str
    name: str
    body_name: str


def token() -> str:
    return uuid.uuid4().hex[:6]


def register_mediator(
    given: str,
    *,
    areas: tuple[str, ...] = (RUTLAND,),
    specialisms: tuple[str, ...] = ("youth_justice",),
    languages: tuple[str, ...] = ("en",),
    formats: tuple[str, ...] = ("video", "in_person"),
    status: str = "accredited",
    body_name: str | None = None,
) -> Listed:
    """A mediator on the register with one accreditation (see ``factories.accreditation``)."""
    family = f"Test{token()}"
    mediator = MediatorFactory(given_name=given, family_name=family, display_name=f"{given} {family}")
    mediator.areas.extend(find_local_authority(code) for code in areas)
    mediator.languages.extend(MediatorLanguage(code=code) for code in languages)
    mediator.formats.extend(MediatorFormat(code=code) for code in formats)
    mediator.specialisms.extend(MediatorSpecialism(code=code) for code in specialisms)
    db.session.flush()
    body = _body(body_name) if body_name else OrganisationFactory(kind="accrediting_body", name=f"Body {token()}")
    make_accreditation(mediator, body=body, status=status, valid_from=date.today() - timedelta(days=60))
    return Listed(mediator.registration_number, mediator.display_name, body.name)


def _body(name: str) -> Organisation:
    body = db.session.scalars(select(Organisation).where(Organisation.name == name)).first()
    return body or OrganisationFactory(kind="accrediting_body", name=name)


def watch(officer_email: str, registration_number: str) -> None:
    officer = find_user_by_email(officer_email)
    assert officer is not None
    watchlist.add(officer.roles[0].organisation, registration_number, officer)


def give_mediator_record(email: str, given: str = "Journey") -> Listed:
    """Make the person with ``email`` (who holds the mediator role) an accredited mediator."""
    user = find_user_by_email(email)
    assert user is not None
    family = f"Test{token()}"
    mediator = MediatorFactory(given_name=given, family_name=family, display_name=f"{given} {family}", user_id=user.id)
    mediator.areas.append(find_local_authority(RUTLAND))
    db.session.flush()
    body = OrganisationFactory(kind="accrediting_body", name=f"Body {token()}")
    make_accreditation(mediator, body=body, valid_from=date.today() - timedelta(days=60))
    return Listed(mediator.registration_number, mediator.display_name, body.name)


def stored_check_receipt(officer_email: str, registration_number: str) -> str:
    """A check the officer's LA made and kept (the mediator and a number that is not on the register),
    and its signed receipt."""
    officer = find_user_by_email(officer_email)
    assert officer is not None
    la = officer.roles[0].organisation
    result = run_check([registration_number, "SM-000001-1"], organisation=la, actor=officer, store=True)
    assert result.reference is not None
    return check_receipt(result.reference, [la.id])


def failing_webhook(officer_email: str, registration_number: str) -> str:
    """A webhook of the officer's LA (with a key of its own) for its watchlist, watching the mediator, with
    one change delivered and failed, so that it is paused. Returns the webhook's address."""
    officer = find_user_by_email(officer_email)
    assert officer is not None
    la = officer.roles[0].organisation
    watchlist.add(la, registration_number, officer)
    url = f"https://webhooks-{token()}.example.org/send-mediation-register/changes?system=case-management"
    subscribe(la, api_keys.create_key(la, officer, "Case management").key.id, url)
    publish_change(registration_number)
    sending.deliver_due(sending.Settings(retry_seconds=0, max_failures=1), poster=lambda *sent: 500)
    return url
