"""The registrar's workspace: the queue, assessing, every decision page, scope and stale forms."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from registry.domain import accreditation as lifecycle
from registry.domain.accreditation.standards_access import criterion_codes
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent
from registry.web.registrar.routes import ACTIONS
from tests.accreditation.conftest import DECLARATIONS, assess_all
from tests.conftest import csrf_token_from
from tests.test_pages_basics import assert_page_basics

SLUGS = [action.slug for action in ACTIONS]
# A valid submission for each decision page (the confirmation box ticked).
VALID = {
    "accredit": {"conditions": "", "public_note": "", "reason": ""},
    "refuse": {"reason": "Not enough SEND practice yet"},
    "renew": {"compliant": "y", "compliance_note": "Log checked"},
    "conditions": {"conditions": "Co-mediate with a senior mediator until June"},
    "suspend": {"reason": "Complaint under investigation", "public_note": "Suspended while a complaint is looked into"},
    "reinstate": {"reason": "Complaint not upheld"},
    "withdraw": {"reason": "Serious breach of confidentiality"},
    "resign": {"reason": "Retiring"},
}
STARTING_STATUS = {
    "accredit": "applied",
    "refuse": "applied",
    "renew": "accredited",
    "conditions": "accredited",
    "suspend": "accredited",
    "reinstate": "suspended",
    "withdraw": "accredited",
    "resign": "accredited",
}
RESULT = {
    "accredit": "accredited",
    "refuse": "refused",
    "renew": "accredited",
    "conditions": "accredited",
    "suspend": "suspended",
    "reinstate": "accredited",
    "withdraw": "withdrawn",
    "resign": "resigned",
}


def events_of(accreditation: Accreditation) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(AccreditationEvent)
        .where(AccreditationEvent.accreditation_id == accreditation.id)
    )


def fresh(accreditation: Accreditation) -> Accreditation:
    db.session.expire_all()
    return db.session.get(Accreditation, accreditation.id)


def ready(world, make_accreditation, status: str) -> Accreditation:
    accreditation = make_accreditation(world, status)
    if status == "applied":
        assess_all(accreditation, world.registrar)
    return accreditation


def submit(client, path: str, data: dict[str, str]):
    page = client.get(path)
    assert page.status_code == 200, page.text
    form = {"csrf_token": csrf_token_from(page.text), **data}
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page.text) or re.search(
        r'name="version"[^>]*value="(\d+)"', page.text
    )
    if version and "version" not in data:
        form["version"] = version.group(1)
    return client.post(path, data=form)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_decision_works_for_a_registrar_of_the_body(world, client_as, make_accreditation, slug):
    accreditation = ready(world, make_accreditation, STARTING_STATUS[slug])
    client = client_as("registrar", organisation=world.body)
    path = f"/workspace/registrar/accreditations/{accreditation.id}/{slug}"
    assert_page_basics(client.get(path).text)
    response = submit(client, path, {**VALID[slug], "confirm": "y"})
    assert response.status_code == 302, response.text
    assert response.headers["Location"].endswith(f"/workspace/registrar/accreditations/{accreditation.id}")
    assert fresh(accreditation).status == RESULT[slug]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_decision_is_forbidden_to_a_registrar_of_another_body(
    world, factories, client_as, make_accreditation, slug
):
    accreditation = ready(world, make_accreditation, STARTING_STATUS[slug])
    other_body = factories.organisation(kind="accrediting_body")
    client = client_as("registrar", organisation=other_body)
    path = f"/workspace/registrar/accreditations/{accreditation.id}/{slug}"
    before = events_of(accreditation)
    assert client.get(path).status_code == 403
    token = csrf_token_from(client.get("/sign-out").text)
    response = client.post(path, data={**VALID[slug], "confirm": "y", "csrf_token": token, "version": "1"})
    assert response.status_code == 403
    assert events_of(accreditation) == before and fresh(accreditation).status == STARTING_STATUS[slug]


@pytest.mark.parametrize("path", ["/workspace/registrar/applications/{id}", "/workspace/registrar/accreditations/{id}"])
def test_the_application_and_record_pages_are_forbidden_to_another_body(
    world, factories, client_as, make_accreditation, path
):
    accreditation = make_accreditation(world, "applied")
    client = client_as("registrar", organisation=factories.organisation(kind="accrediting_body"))
    assert client.get(path.format(id=accreditation.id)).status_code == 403


@pytest.mark.parametrize("slug", SLUGS)
def test_oversight_may_read_the_record_but_not_decide(world, client_as, make_accreditation, slug):
    accreditation = ready(world, make_accreditation, STARTING_STATUS[slug])
    client = client_as("oversight")
    assert client.get(f"/workspace/registrar/accreditations/{accreditation.id}").status_code == 200
    assert client.get(f"/workspace/registrar/accreditations/{accreditation.id}/{slug}").status_code == 403


def test_a_decision_needs_confirmation_and_changes_nothing_without_it(world, client_as, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    client = client_as("registrar", organisation=world.body)
    path = f"/workspace/registrar/accreditations/{accreditation.id}/suspend"
    response = submit(client, path, {"reason": "", "public_note": ""})
    assert response.status_code == 200
    facts = assert_page_basics(response.text)
    assert "govuk-error-summary" in facts.classes
    for message in ("Confirm the suspension", "Give the reason for suspending", "Write a note for the public register"):
        assert message in response.text
    assert fresh(accreditation).status == "accredited"


def test_a_stale_form_is_told_someone_else_changed_it(world, client_as, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    client = client_as("registrar", organisation=world.body)
    path = f"/workspace/registrar/accreditations/{accreditation.id}/suspend"
    page = client.get(path)
    stale = re.search(r'name="version"[^>]*value="(\d+)"', page.text).group(1)
    # Someone else changes the conditions after the page was opened.
    lifecycle.change_conditions(accreditation, world.registrar, conditions="Supervision monthly")
    db.session.commit()
    before = events_of(accreditation)
    response = client.post(
        path,
        data={
            "csrf_token": csrf_token_from(page.text),
            "version": stale,
            "reason": "r",
            "public_note": "n",
            "confirm": "y",
        },
    )
    assert response.status_code == 409
    assert "changed by someone else" in response.text
    assert_page_basics(response.text)
    assert events_of(accreditation) == before and fresh(accreditation).status == "accredited"


def test_an_illegal_decision_is_explained_and_changes_nothing(world, client_as, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    client = client_as("registrar", organisation=world.body)
    response = submit(client, f"/workspace/registrar/accreditations/{accreditation.id}/reinstate", {"confirm": "y"})
    assert response.status_code == 200
    assert "You cannot reinstate this accreditation because it is accredited" in response.text
    assert fresh(accreditation).status == "accredited"


def test_a_back_dated_decision(world, client_as, make_accreditation, frozen_clock):
    accreditation = make_accreditation(world, "accredited")  # 4 March 2026
    frozen_clock.advance(20)
    client = client_as("registrar", organisation=world.body)
    path = f"/workspace/registrar/accreditations/{accreditation.id}/suspend"
    data = {**VALID["suspend"], "confirm": "y", "effective_on": ["10", "3", "2026"]}
    assert submit(client, path, data).status_code == 302
    event = db.session.scalars(
        select(AccreditationEvent)
        .where(AccreditationEvent.accreditation_id == accreditation.id)
        .order_by(AccreditationEvent.sequence.desc())
    ).first()
    assert str(event.effective_on) == "2026-03-10"
    bad = submit(
        client,
        f"/workspace/registrar/accreditations/{accreditation.id}/reinstate",
        {"confirm": "y", "effective_on": ["31", "2", "2026"]},
    )
    assert "Enter a real date" in bad.text


def test_the_queue_lists_this_bodys_applications_filtered_by_status_and_age(
    world, factories, client_as, make_accreditation, frozen_clock
):
    old = make_accreditation(world, "applied")
    frozen_clock.advance(30)
    newer = make_accreditation(world, "applied", mediator=factories.mediator(display_name="Newer Applicant"))
    accredited = make_accreditation(world, "accredited", mediator=factories.mediator(display_name="Already Accredited"))
    elsewhere_body = factories.organisation(kind="accrediting_body")
    factories_mediator = factories.mediator(display_name="Elsewhere Applicant")
    lifecycle.apply(factories_mediator, elsewhere_body, None, DECLARATIONS)
    client = client_as("registrar", organisation=world.body)
    page = client.get("/workspace/registrar/applications")
    assert page.status_code == 200
    assert_page_basics(page.text)
    assert old.mediator.display_name in page.text and "Newer Applicant" in page.text
    assert "Already Accredited" not in page.text and "Elsewhere Applicant" not in page.text
    assert page.text.index(old.mediator.display_name) < page.text.index("Newer Applicant")  # oldest first
    waiting = client.get("/workspace/registrar/applications?status=applied&age=2-to-6-weeks")
    assert old.mediator.display_name in waiting.text and "Newer Applicant" not in waiting.text
    recent = client.get("/workspace/registrar/applications?status=applied&age=under-2-weeks")
    assert old.mediator.display_name not in recent.text and "Newer Applicant" in recent.text
    everything = client.get("/workspace/registrar/applications?status=accredited")
    assert "Already Accredited" in everything.text and "Newer Applicant" not in everything.text
    assert newer.id and accredited.id


def test_the_queue_finds_a_mediator_by_name_or_number_in_any_status(world, factories, client_as, make_accreditation):
    suspended = make_accreditation(world, "suspended", mediator=factories.mediator(display_name="Quentin Suspended"))
    make_accreditation(world, "applied", mediator=factories.mediator(display_name="Rosa Applicant"))
    elsewhere = factories.mediator(display_name="Quentin Elsewhere")
    lifecycle.apply(elsewhere, factories.organisation(kind="accrediting_body"), None, DECLARATIONS)
    client = client_as("registrar", organisation=world.body)
    base = "/workspace/registrar/applications"

    by_name = client.get(f"{base}?search=quentin")
    assert by_name.status_code == 200 and "Quentin Suspended" in by_name.text
    assert "Rosa Applicant" not in by_name.text and "Quentin Elsewhere" not in by_name.text  # other body's
    assert '<option value="" selected>Any status</option>' in by_name.text
    assert f'href="/workspace/registrar/accreditations/{suspended.id}"' in by_name.text
    number = suspended.mediator.registration_number
    loose = number.lower().replace("-", " ")
    assert "Quentin Suspended" in client.get(f"{base}?search={loose}").text
    assert "Quentin Suspended" not in client.get(f"{base}?search=quentin&status=applied").text
    assert "Quentin Elsewhere" not in client.get(f"{base}?search={elsewhere.registration_number}").text
    assert "Quentin Suspended" not in client.get(f"{base}?search=%25").text  # a % is a character, not a wildcard

    mistyped = client.get(f"{base}?search={number[:-1]}{'0' if number[-1] != '0' else '1'}")
    assert mistyped.status_code == 200
    assert_page_basics(mistyped.text)
    assert "There is a problem" in mistyped.text and "mistyped" in mistyped.text


def test_assessing_and_accrediting_through_the_pages(world, client_as, make_accreditation):
    accreditation = make_accreditation(world, "applied")
    client = client_as("registrar", organisation=world.body)
    path = f"/workspace/registrar/applications/{accreditation.id}"
    page = client.get(path)
    assert page.status_code == 200
    assert_page_basics(page.text)
    assert "Training you have completed" not in page.text  # the registrar sees the answers, not the form
    assert "Foundation course (40 hours)" in page.text
    codes = criterion_codes("1.0")
    assert all(code in page.text for code in codes)
    assert "Accredit" not in re.findall(r'class="govuk-button[^"]*"[^>]*>\s*([^<]+?)\s*<', page.text)
    data = {"csrf_token": csrf_token_from(page.text)}
    for code in codes:
        key = code.replace("-", "_").replace(".", "_")
        data[f"outcome_{key}"] = "met"
    data[f"notes_{codes[0].replace('-', '_').replace('.', '_')}"] = "Strong answers on the Act"
    response = client.post(path, data=data)
    assert response.status_code == 302
    assert lifecycle.missing_criteria(lifecycle.open_application(fresh(accreditation))) == []
    page = client.get(path)
    assert "Strong answers on the Act" in page.text and "Every criterion has an outcome" in page.text
    response = submit(client, f"/workspace/registrar/accreditations/{accreditation.id}/accredit", {"confirm": "y"})
    assert response.status_code == 302
    assert fresh(accreditation).status == "accredited"


def test_notes_without_an_outcome_are_an_error(world, client_as, make_accreditation):
    accreditation = make_accreditation(world, "applied")
    client = client_as("registrar", organisation=world.body)
    path = f"/workspace/registrar/applications/{accreditation.id}"
    page = client.get(path)
    first = criterion_codes("1.0")[0]
    key = first.replace("-", "_").replace(".", "_")
    response = client.post(path, data={"csrf_token": csrf_token_from(page.text), f"notes_{key}": "Hmm"})
    assert response.status_code == 200
    assert f"Choose met or not met for {first}" in response.text
    assert lifecycle.open_application(fresh(accreditation)).outcomes == []


def test_the_record_shows_the_full_history_with_private_reasons(world, client_as, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    lifecycle.suspend(accreditation, world.registrar, reason="PRIVATE-REASON-MARKER", public_note="Under review")
    for client in (client_as("registrar", organisation=world.body), client_as("oversight")):
        page = client.get(f"/workspace/registrar/accreditations/{accreditation.id}")
        assert page.status_code == 200
        assert_page_basics(page.text)
        assert "PRIVATE-REASON-MARKER" in page.text and "Under review" in page.text
        for kind in ("Applied", "Accredited", "Suspended"):
            assert kind in page.text
    registrar_page = client_as("registrar", organisation=world.body).get(
        f"/workspace/registrar/accreditations/{accreditation.id}"
    )
    assert f"/accreditations/{accreditation.id}/reinstate" in registrar_page.text
    assert f"/accreditations/{accreditation.id}/renew" not in registrar_page.text  # not offered while suspended


def test_pages_need_a_registrar(client, client_as, world, make_accreditation):
    accreditation = make_accreditation(world, "accredited")
    anonymous = client.get(f"/workspace/registrar/accreditations/{accreditation.id}/suspend")
    assert anonymous.status_code == 302 and "/sign-in" in anonymous.headers["Location"]
    assert client_as("mediator").get("/workspace/registrar/applications").status_code == 403
    assert client_as("registrar").get("/workspace/registrar/accreditations/999999/suspend").status_code == 404
