"""Issue 19, item 3: wherever a registrar (or the CPD audit panel) decides about a mediator, the page
shows the mediator's independence declarations with the LA and the dates: the application, every
decision page, the accreditation record, the log and each entry under review, the renewal request,
a concern about them and its outcome, and the CPD audit."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from registry.domain import accreditation as lifecycle
from registry.domain import clock
from registry.domain.concerns import ConcernInput, raise_concern
from registry.domain.declarations import DeclarationInput, add_declaration
from registry.domain.oversight import audit_sampling, concern_handling
from registry.extensions import db
from registry.models import LocalAuthority, RenewalRequest
from tests.accreditation.conftest import DECLARATIONS, World, assess_all
from tests.fixtures.clients import sign_in
from tests.mediator.conftest import add_entry

SHOWN = ("Independence declarations", "Employer", "Leeds", "1 September 2023", "31 March 2025")


def _declare_leeds(world: World) -> None:
    leeds = db.session.scalars(select(LocalAuthority).where(LocalAuthority.gss_code == "E08000035")).one()
    add_declaration(
        world.mediator,
        world.mediator_user,
        DeclarationInput("employment", "local_authority", date(2023, 9, 1), date(2025, 3, 31), leeds.id),
    )


def _assert_shown(client, path: str) -> None:  # type: ignore[no-untyped-def]
    page = client.get(path)
    assert page.status_code == 200, path
    missing = [words for words in SHOWN if words not in page.text]
    assert not missing, f"{path} does not show {missing}"


def test_every_page_where_a_registrar_decides_shows_the_declarations(app, world: World, factories) -> None:
    _declare_leeds(world)
    client = app.test_client()
    sign_in(client, world.registrar)
    accreditation = lifecycle.apply(world.mediator, world.body, world.mediator_user, DECLARATIONS)
    _assert_shown(client, f"/workspace/registrar/applications/{accreditation.id}")
    for decision in ("accredit", "refuse"):
        _assert_shown(client, f"/workspace/registrar/accreditations/{accreditation.id}/{decision}")
    assess_all(accreditation, world.registrar)
    lifecycle.accredit(accreditation, world.registrar)
    _assert_shown(client, f"/workspace/registrar/accreditations/{accreditation.id}")
    for decision in ("renew", "conditions", "suspend", "withdraw"):
        _assert_shown(client, f"/workspace/registrar/accreditations/{accreditation.id}/{decision}")
    entry = add_entry(world.mediator, "cpd", "send_law_policy_practice", "1.5")
    _assert_shown(client, f"/workspace/registrar/mediators/{world.mediator.registration_number}/log")
    _assert_shown(client, f"/workspace/registrar/log-entries/{entry.id}")
    request = RenewalRequest(
        accreditation=accreditation,
        period_start=accreditation.valid_from,
        period_end=accreditation.valid_until,
        scheme_version="1.0",
        compliant=True,
        status="pending",
    )
    db.session.add(request)
    db.session.flush()
    _assert_shown(client, f"/workspace/registrar/renewals/{request.id}")
    concern = raise_concern(
        ConcernInput(
            subject="mediator", description="What happened", registration_number=world.mediator.registration_number
        ),
        today=clock.today(),
    )
    _assert_shown(client, f"/workspace/registrar/concerns/{concern.reference}")
    concern_handling.triage(concern, True, "", "", world.registrar)
    _assert_shown(client, f"/workspace/registrar/concerns/{concern.reference}/outcome")


def test_the_cpd_audit_panel_sees_them_too(app, world: World, factories, frozen_clock) -> None:
    _declare_leeds(world)
    factories.accreditation(
        world.mediator, body=world.body, valid_from=frozen_clock.today - timedelta(days=500),
        valid_until=frozen_clock.today + timedelta(days=200),
    )  # fmt: skip
    panel = factories.person_with_role("oversight")
    sample = audit_sampling.draw_sample(Decimal(100), 7, panel)
    [member] = sample.members
    client = app.test_client()
    sign_in(client, panel)
    _assert_shown(client, f"/workspace/oversight/audits/{sample.id}/members/{member.id}")
