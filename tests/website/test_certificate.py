"""The dated certificate (``/mediators/<number>/certificate.pdf``) and the profile "as recorded on" a
past date: what the register said at a moment, read from the events it had recorded by then.

The PDF is read back as a reader would: its text with pypdf, its QR code decoded with zxing-cpp
from the image embedded in the page."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import zxingcpp
from pypdf import PdfReader
from sqlalchemy import select

from registry import serving
from registry.domain import clock
from registry.domain.accreditation import operations
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent
from tests.fixtures.privacy import mark_unpublished, shows_the_marker
from tests.test_pages_basics import assert_page_basics

BASE = "https://register.example"
PRIVATE_REASON = "Complaint under investigation by the body"


def _today() -> date:
    """Today when the test runs, never when the module was imported (a run may cross midnight)."""
    return clock.today()


def _dated(query: str) -> str:
    """A parametrized query with its dates relative to today filled in at run time."""
    today = _today()
    return query.format(tomorrow=today + timedelta(days=1), in_three_days=today + timedelta(days=3))


@pytest.fixture(autouse=True)
def _public_base_url(app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", BASE + "/")


def _suspended_today_back_dated(on_register, factories):  # type: ignore[no-untyped-def]
    """Accredited 100 days ago (recorded then); suspended today with effect from 10 days ago."""
    registrar = factories.person_with_role("registrar")
    body = registrar.roles[0].organisation
    mediator = on_register("Siân Ní Bhriain", body=body, valid_from=_today() - timedelta(days=100))
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()
    first = db.session.scalars(
        select(AccreditationEvent).where(AccreditationEvent.accreditation_id == accreditation.id)
    )
    first.one().recorded_at = datetime.now(UTC) - timedelta(days=100)
    db.session.flush()
    operations.suspend(
        accreditation,
        registrar,
        reason=PRIVATE_REASON,
        public_note="Suspended while a complaint is looked into.",
        effective_on=_today() - timedelta(days=10),
    )
    return mediator, body


def _pdf(client, path: str) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    """The PDF's text (whitespace folded) and what every QR code on it says."""
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.mimetype == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 in points
    text = " ".join(page.extract_text().split())
    decoded = [result.text for image in page.images for result in zxingcpp.read_barcodes(image.image)]
    return text, decoded


def test_the_certificate_states_the_entry_its_status_and_when_it_was_recorded(client, on_register) -> None:
    mediator = on_register("Ada Lovelace", conditions="Co-mediates with a senior mediator until renewal.")
    number = mediator.registration_number
    before = clock.now()
    text, codes = _pdf(client, f"/mediators/{number}/certificate.pdf")
    after = clock.now()
    assert "Certificate of entry" in text and "Ada Lovelace" in text and number in text
    assert "Accredited — conditions apply" in text
    assert "Co-mediates with a senior mediator until renewal." in text
    assert f"Valid from {clock.long_date(_today() - timedelta(days=100))}" in text
    assert f"Valid until {clock.long_date(_today() + timedelta(days=264))}" in text
    assert "Mediator standards, version 1.0" in text
    stated = re.search(r"As recorded on (\d+ \w+ \d{4}) at (\d\d:\d\d) (GMT|BST)\.", text)
    assert stated, text
    moments = {
        f"{clock.long_date(t.astimezone(clock.UK).date())} {t.astimezone(clock.UK):%H:%M}" for t in (before, after)
    }
    assert f"{stated[1]} {stated[2]}" in moments
    url = f"{BASE}/mediators/{number}"
    assert codes == [url]
    assert url in text


def test_a_certificate_as_recorded_on_a_past_day_says_what_the_register_said_then(
    client, on_register, factories
) -> None:
    mediator, body = _suspended_today_back_dated(on_register, factories)
    number = mediator.registration_number
    today, codes = _pdf(client, f"/mediators/{number}/certificate.pdf")
    assert "Status Suspended" in today and "Suspended while a complaint is looked into." in today
    assert f"Status since {clock.long_date(_today() - timedelta(days=10))}" in today
    assert f"Accredited by {body.name}" in today
    assert PRIVATE_REASON not in today
    assert codes == [f"{BASE}/mediators/{number}"]

    yesterday = _today() - timedelta(days=1)
    then, _ = _pdf(client, f"/mediators/{number}/certificate.pdf?recorded_as_at={yesterday.isoformat()}")
    assert "Status Accredited" in then and "Suspended" not in then
    assert f"As recorded at the end of {clock.long_date(yesterday)}." in then


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("recorded_as_at=2026-02-30", "Enter a real date, for example 14 3 2026"),
        ("recorded_as_at=soon", "Enter a real date, for example 14 3 2026"),
        ("recorded_as_at={tomorrow}", "The date must be today or in the past"),
    ],
)
def test_a_certificate_for_a_date_that_is_not_one_says_so(client, on_register, query: str, message: str) -> None:
    number = on_register().registration_number
    response = client.get(f"/mediators/{number}/certificate.pdf?{_dated(query)}")
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert message in response.text


def test_no_certificate_for_a_number_not_on_the_register(client, on_register, factories) -> None:
    number = on_register().registration_number
    mistyped = number[:-1] + ("0" if number[-1] != "0" else "1")
    assert "looks mistyped" in client.get(f"/mediators/{mistyped}/certificate.pdf").text
    applicant = factories.mediator()
    factories.accreditation(applicant, status="applied")
    assert client.get(f"/mediators/{applicant.registration_number}/certificate.pdf").status_code == 404
    loose = number.lower().replace("-", " ")
    response = client.get(f"/mediators/{loose}/certificate.pdf?recorded_as_at={_today().isoformat()}")
    assert response.status_code == 301
    assert response.location.endswith(f"/mediators/{number}/certificate.pdf?recorded_as_at={_today().isoformat()}")


def test_the_profile_as_recorded_on_a_past_day(client, on_register, factories) -> None:
    mediator, _ = _suspended_today_back_dated(on_register, factories)
    number = mediator.registration_number
    today = client.get(f"/mediators/{number}")
    assert "Accreditation suspended" in today.text and 'id="recorded-as-at"' not in today.text
    assert f'href="/mediators/{number}/certificate.pdf"' in today.text

    yesterday = _today() - timedelta(days=1)
    for query in (
        f"recorded_as_at={yesterday.isoformat()}",
        f"recorded_as_at={yesterday.day}&recorded_as_at={yesterday.month}&recorded_as_at={yesterday.year}",
    ):
        then = client.get(f"/mediators/{number}?{query}")
        assert then.status_code == 200
        assert_page_basics(then.text)
        assert f"As recorded on {clock.long_date(yesterday)}" in then.text
        status = then.text.split('id="status"')[1].split("</div>")[0]
        assert "Accredited" in status and "Suspended" not in status
        assert "Accreditation suspended" not in then.text  # the timeline as it stood then
        assert f'href="/mediators/{number}/certificate.pdf?recorded_as_at={yesterday.isoformat()}"' in then.text

    long_ago = _today() - timedelta(days=200)
    before = client.get(f"/mediators/{number}?recorded_as_at={long_ago.isoformat()}")
    assert before.status_code == 404 and f"was not on the register yet on {clock.long_date(long_ago)}" in before.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("recorded_as_at=31&recorded_as_at=2&recorded_as_at=2026", "Enter a real date, for example 14 3 2026"),
        ("recorded_as_at={in_three_days}", "The date must be today or in the past"),
        ("recorded_as_at=" + "9" * 20, "Enter a real date, for example 14 3 2026"),
        ("recorded_as_at=%3Cscript%3E", "Enter a real date, for example 14 3 2026"),
    ],
)
def test_the_profile_refuses_a_date_that_is_not_one_and_shows_today(client, on_register, query, message) -> None:
    number = on_register().registration_number
    response = client.get(f"/mediators/{number}?{_dated(query)}")
    assert response.status_code == 400
    facts = assert_page_basics(response.text)
    assert facts is not None
    assert "govuk-error-summary" in response.text and message in response.text
    assert 'id="recorded-as-at"' not in response.text and "Accredited" in response.text


def test_the_status_api_as_recorded_on_a_day_answers_for_that_day(client, on_register, factories) -> None:
    mediator, _ = _suspended_today_back_dated(on_register, factories)
    yesterday = (_today() - timedelta(days=1)).isoformat()
    body = client.get(f"/api/v1/mediators/{mediator.registration_number}/status?recorded_as_at={yesterday}").json
    assert body["as_at"] == yesterday and body["recorded_as_at"] == yesterday
    assert body["status"]["status"] == "accredited"


def test_long_conditions_still_fit_on_one_page(client, on_register) -> None:
    conditions = "Co-mediates with a senior mediator on every case until the next renewal. " * 20
    mediator = on_register("Grace Hopper", conditions=conditions.strip())
    text, codes = _pdf(client, f"/mediators/{mediator.registration_number}/certificate.pdf")
    assert text.count("Co-mediates with a senior mediator") == 20
    assert codes == [f"{BASE}/mediators/{mediator.registration_number}"]


def test_the_certificate_shows_nothing_that_is_not_public(client, on_register, factories) -> None:
    """The privacy sentinel (``tests.fixtures.privacy``): every field that is not public holds the
    marker, and neither the certificate nor the profile as recorded on a day shows it."""
    mediator, _ = _suspended_today_back_dated(on_register, factories)
    written = mark_unpublished()
    assert {"AccreditationEvent.reason", "Mediator.home_address"} <= written
    number = mediator.registration_number
    for query in ("", f"?recorded_as_at={_today().isoformat()}"):
        text, _ = _pdf(client, f"/mediators/{number}/certificate.pdf{query}")
        assert "Suspended" in text and not shows_the_marker(text)
        assert not shows_the_marker(client.get(f"/mediators/{number}{query}").text)


def test_the_guidance_explains_the_receipt_and_the_certificate(client) -> None:
    page = client.get("/guidance")
    assert page.status_code == 200
    assert_page_basics(page.text)
    for said in ('id="receipt"', 'id="certificate"', "Download the signed receipt", "a snapshot, not a pass"):
        assert said in page.text


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("http://127.0.0.1:5000", True),
        ("http://localhost:8000", True),
        ("https://register.example.org", False),
    ],
)
def test_make_serve_refuses_a_localhost_public_base_url(monkeypatch, address: str, refused: bool) -> None:
    """The certificate's QR code (and every link that leaves the site) is built from PUBLIC_BASE_URL, so
    production will not start with the development default."""
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-key-" + "x" * 32)
    monkeypatch.setenv("PUBLIC_BASE_URL", address)
    problems = [problem for problem in serving.production_problems(1) if "PUBLIC_BASE_URL" in problem]
    assert bool(problems) == refused
