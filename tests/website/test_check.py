"""Check registration numbers at /check: one, pasted or uploaded (up to 1,000), as at a past date;
mistyped numbers called out; results as CSV with nothing private; visitors' checks not kept, LA
officers' kept for their LA; a lower rate limit for visitors than for LA officers."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date, timedelta

from sqlalchemy import func, select

from registry.domain import watchlist
from registry.domain.accreditation import suspend
from registry.domain.registration_numbers import format_number
from registry.extensions import db
from registry.models import Accreditation, BulkCheck, IndependenceDeclaration
from tests.conftest import csrf_token_from
from tests.fixtures.clients import sign_in
from tests.test_pages_basics import assert_page_basics

MISTYPED = "SM-000001-0"  # wrong check character
UNKNOWN = format_number("SM", 123_456)
PRIVATE = "PRIVATE-MARKER-42"


def _check(client, numbers: str = "", *, upload: tuple[bytes, str] | None = None, as_at: date | None = None):
    page = client.get("/check")
    data: dict[str, object] = {"csrf_token": csrf_token_from(page.text), "numbers": numbers}
    if upload:
        data["file"] = (io.BytesIO(upload[0]), upload[1])
    if as_at:
        data["as_at"] = [str(as_at.day), str(as_at.month), str(as_at.year)]
    return client.post("/check", data=data, content_type="multipart/form-data")


def _stored_checks() -> int:
    return db.session.scalar(select(func.count()).select_from(BulkCheck)) or 0


def _rows(csv_text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(csv_text)))


def test_the_check_page(client) -> None:
    response = client.get("/check")
    assert response.status_code == 200
    facts = assert_page_basics(response.text)
    assert [form.method for form in facts.forms] == ["post"]
    assert 'enctype="multipart/form-data"' in response.text


def test_one_number_anonymously_is_answered_and_not_kept(client, on_register) -> None:
    mediator = on_register("Ada Lovelace")
    before = _stored_checks()
    response = _check(client, mediator.registration_number.lower())
    assert response.status_code == 200
    assert_page_basics(response.text)
    text = " ".join(response.text.split())
    assert "1 number checked as at" in text and "Ada Lovelace" in text and ">Accredited<" in text
    assert _stored_checks() == before


def test_a_pasted_list_calls_out_mistyped_and_unknown_numbers(client, on_register) -> None:
    good = on_register("Ada Good")
    paused = on_register("Bea Paused", status="suspended")
    response = _check(client, f"{good.registration_number}\n{MISTYPED}, {UNKNOWN}\n\n{paused.registration_number}")
    text = " ".join(response.text.split())
    assert "4 numbers checked" in text
    assert "1 invalid number" in text and "1 number cannot be right" in text and "it looks mistyped" in text
    assert f"No mediator on the register has {UNKNOWN}" in text and "Not on the register" in text
    assert "Suspended" in text and "Bea Paused" in text
    rows = re.findall(r"<tr class=\"govuk-table__row\">\s*<td class=\"govuk-table__cell\">(\d+)</td>", response.text)
    assert rows == ["1", "2", "3", "4"]


def test_an_uploaded_csv_is_checked_line_by_line(client, on_register) -> None:
    first, second = on_register("Ada One"), on_register("Bea Two")
    lines = ["name,registration_number", f"Ada,{first.registration_number}", f"Bea,{second.registration_number}"]
    upload = "\n".join([*lines, f"X,{MISTYPED}"])
    response = _check(client, upload=(upload.encode("utf-8-sig"), "panel.csv"))
    text = " ".join(response.text.split())
    assert "3 numbers checked" in text and "Ada One" in text and "Bea Two" in text and "1 invalid number" in text


def test_many_invalid_numbers_are_counted_in_the_plural_and_a_badly_formed_one_is_not_called_mistyped(
    client, on_register
) -> None:
    badly_formed = ["not a number", "SM-12", "TP-000001-X"]
    response = _check(client, "\n".join([MISTYPED] * 8 + badly_formed))
    text = " ".join(response.text.split())
    assert "11 numbers checked" in text and "11 invalid numbers" in text and "11 numbers cannot be right" in text
    assert "11 mistyped number" not in text and "11 invalid number." not in text
    assert text.count("it looks mistyped") == 8  # the wrong check characters only
    assert text.count("Enter a registration number in the form SM-123456-7") == 2
    assert "A mediator's number starts with SM-, not TP-" in html.unescape(text)


def test_a_check_as_at_a_past_date(client, on_register, factories) -> None:
    mediator = on_register("Cal Past", valid_from=date.today() - timedelta(days=100))
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()
    suspend(accreditation, factories.person_with_role("registrar"), reason="x", public_note="Paused")
    today = _check(client, mediator.registration_number)
    earlier = _check(client, mediator.registration_number, as_at=date.today() - timedelta(days=10))
    assert ">Suspended<" in today.text
    assert ">Accredited<" in earlier.text and (date.today() - timedelta(days=10)).strftime("%B %Y") in earlier.text


def test_bad_requests_are_explained_and_change_nothing(client) -> None:
    before = _stored_checks()
    cases = [
        (_check(client, ""), "Enter at least one registration number"),
        (_check(client, "\n".join([UNKNOWN] * 1001)), "Check at most 1,000 numbers at a time; you sent 1,001"),
        (_check(client, UNKNOWN, as_at=date.today() + timedelta(days=1)), "must be today or in the past"),
        (_check(client, upload=(b"\x00\x01", "photo.png")), "The file must be a CSV file"),
    ]
    for response, message in cases:
        assert response.status_code == 200
        facts = assert_page_basics(response.text)
        assert "govuk-error-summary" in facts.classes, message
        assert message in response.text, message
    assert _stored_checks() == before


def test_a_visitor_downloads_the_results_as_csv_with_nothing_private(client, on_register) -> None:
    mediator = on_register("Ada Private", conditions=None)
    mediator.home_address, mediator.private_email, mediator.private_phone = PRIVATE, f"{PRIVATE}@x.test", PRIVATE
    db.session.flush()
    results = _check(client, f'{mediator.registration_number}\n=HYPERLINK("http://evil")\n{MISTYPED}')
    numbers = re.search(r'name="numbers" type="hidden" value="([^"]*)"', results.text)
    assert numbers, results.text
    download = client.post(
        "/check/results.csv",
        data={
            "csrf_token": csrf_token_from(results.text),
            "numbers": html.unescape(numbers.group(1)),
            "as_at": re.search(r'name="as_at" type="hidden" value="([^"]*)"', results.text).group(1),
        },
    )
    assert download.status_code == 200 and download.mimetype == "text/csv"
    assert "attachment" in download.headers["Content-Disposition"]
    rows = _rows(download.text)
    assert [r["outcome"] for r in rows] == ["accredited", "invalid_number", "invalid_number"]
    assert rows[0]["name"] == "Ada Private" and rows[0]["registration_number"] == mediator.registration_number
    assert rows[1]["you_entered"].startswith("'=")  # a spreadsheet will not run it
    assert "mistyped" in rows[2]["status"]
    assert PRIVATE not in download.text and "declared_conflict" not in download.text


def test_an_la_officers_check_is_kept_for_their_la_and_downloaded_from_the_store(client_as, on_register) -> None:
    officer = client_as("la_officer")
    la = officer.user.roles[0].organisation
    mediator = on_register("Ada Linked")
    db.session.add(
        IndependenceDeclaration(
            mediator=mediator,
            kind="conflict",
            local_authority_id=la.local_authority_id,
            started_on=date.today() - timedelta(days=30),
            description=PRIVATE,
        )
    )
    db.session.flush()
    response = _check(officer, f"{mediator.registration_number}\n{MISTYPED}")
    assert response.status_code == 302
    reference = response.location.rsplit("/", 1)[1]
    assert response.location.endswith(f"/workspace/local-authority/checks/{reference}")
    page = officer.get(response.location)
    assert page.status_code == 200
    assert_page_basics(page.text)
    declared = "Declared employment by, or a conflict of interest with, your local authority since"
    assert "Ada Linked" in page.text and declared in page.text
    assert "Add to watchlist" in page.text and 'id="watched-1"' not in page.text
    watchlist.add(la, mediator.registration_number, officer.user)
    again = officer.get(response.location).text
    assert "Add to watchlist" not in again and 'id="watched-1"' in again  # already watched: not offered
    download = officer.get(f"/workspace/local-authority/checks/{reference}/results.csv")
    body, signature = download.text.rsplit("#signature,", 1)  # the register's signature ends the file
    assert signature.count(".") == 2 and signature.endswith("\r\n")
    rows = _rows(body)
    assert [r["declared_conflict_with_your_local_authority"] for r in rows] == ["yes", ""]
    assert PRIVATE not in download.text
    listing = officer.get("/workspace/local-authority/checks")
    assert_page_basics(listing.text)
    assert f"/workspace/local-authority/checks/{reference}" in listing.text
    other = client_as("la_officer")
    assert other.get(f"/workspace/local-authority/checks/{reference}").status_code == 404
    assert other.get(f"/workspace/local-authority/checks/{reference}/results.csv").status_code == 404
    assert client_as("registrar").get("/workspace/local-authority/checks").status_code == 403


def test_visitors_have_a_lower_rate_limit_than_la_officers(limited_app, factories, on_register) -> None:
    mediator = on_register()
    visitor = limited_app.test_client()
    statuses = [_check(visitor, mediator.registration_number).status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]
    officer = limited_app.test_client()
    sign_in(officer, factories.person_with_role("la_officer"))
    statuses = [_check(officer, mediator.registration_number).status_code for _ in range(12)]
    assert statuses == [302] * 12
