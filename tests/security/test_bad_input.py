"""Bad input, refused cleanly (threat 4 of DESIGN §12): nothing hostile gets in, nothing hostile goes out.

- Every CSV the register writes defuses text a spreadsheet would run as a formula.
- A form that changes a versioned record, sent without the version, is refused.
- Over-large and over-deep JSON bodies are problems, not server errors.
- Control characters in any answer, CSV cell or JSON string are errors naming the field (or row
  and column), on both databases.
"""

# ruff: noqa: F811 (tests take the API tests' fixtures, imported below, as arguments of the same names)

from __future__ import annotations

import csv
import io
import json
import re
import secrets
from collections import deque
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urljoin

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import HiddenField

from registry.api.conventions import MAX_JSON_BYTES, MAX_JSON_DEPTH, nested_deeper_than
from registry.config import PROJECT_ROOT
from registry.demo.people import DEMO_EMAILS
from registry.domain import logbook
from registry.domain.concerns import ConcernInput, raise_concern
from registry.domain.csv_cells import FORMULA_STARTS, defused, undefused
from registry.domain.errors import CHANGED_BY_SOMEONE_ELSE
from registry.domain.oversight import returns_csv
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent, BulkCheck, Concern, EvidenceFile, LogEntry, User
from registry.web.forms import MISSING_VERSION, RegisterForm, VersionField
from tests.api.conftest import api_key, la_organisation, registered  # noqa: F401 (the API tests' fixtures)
from tests.conftest import csrf_token_from
from tests.fixtures.clients import sign_in
from tests.fixtures.demo import DEMO_TEST_PASSWORD
from tests.mediator.conftest import add_entry
from tests.oversight.test_returns import GOOD
from tests.test_crawl import _links, _shape
from tests.test_form_fuzz import _Forms

PAYLOAD = '=HYPERLINK("x")'
DEFUSED = "'" + PAYLOAD
LEEDS = "E08000035"
CELL_REFUSED = "Remove the control character from this cell"


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _assert_nothing_runs(rows: list[dict[str, str]]) -> None:
    running = [cell for row in rows for cell in row.values() if cell and cell.startswith(FORMULA_STARTS)]
    assert running == []


# Formula cells out ----------------------------------------------------------------------------


def test_text_a_spreadsheet_would_run_gets_an_apostrophe_and_numbers_stay_numbers() -> None:
    row = ["=1+1", "+44 114", "-1", "@SUM(A1)", "\tx", "\rx", "plain", 7, -3, Decimal("-1.5"), date(2026, 1, 2), None]
    assert defused(row) == [
        "'=1+1",
        "'+44 114",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "plain",
        7,
        -3,
        Decimal("-1.5"),
        date(2026, 1, 2),
        None,
    ]
    assert [undefused(cell) for cell in defused([PAYLOAD, "'quoted", "plain"])] == [PAYLOAD, "'quoted", "plain"]


def test_every_csv_the_register_writes_goes_through_the_one_writer() -> None:
    writers = [
        str(path.relative_to(PROJECT_ROOT))
        for path in (PROJECT_ROOT / "registry").rglob("*.py")
        if path.name != "csv_cells.py" and re.search(r"csv\.writer\(|DictWriter\(", path.read_text(encoding="utf-8"))
    ]
    assert writers == [], "write CSV with registry.domain.csv_cells.writer, which defuses formulas"


def test_the_open_data_export_defuses_every_text_people_enter(client: FlaskClient, registered, factories) -> None:
    body = factories.organisation(kind="accrediting_body", name=PAYLOAD)
    mediator = registered(
        PAYLOAD, body=body, conditions=PAYLOAD, public_email=PAYLOAD, public_phone=PAYLOAD, website=PAYLOAD
    )
    mediator.providers.append(factories.organisation(kind="mediation_provider", name=PAYLOAD))
    db.session.flush()
    response = client.get("/api/v1/exports/register.csv")
    assert response.status_code == 200
    rows = _rows(response.get_data(as_text=True))
    row = next(row for row in rows if row["registration_number"] == mediator.registration_number)
    for column in ("name", "accrediting_body", "conditions", "providers", "public_email", "public_phone", "website"):
        assert row[column] == DEFUSED, column
    _assert_nothing_runs(rows)


def test_a_visitors_check_results_defuse_what_was_entered_and_what_the_register_holds(
    client: FlaskClient, registered
) -> None:
    mediator = registered(PAYLOAD, conditions=PAYLOAD)
    token = csrf_token_from(client.get("/check").text)
    numbers = json.dumps([PAYLOAD, mediator.registration_number])
    response = client.post(
        "/check/results.csv", data={"csrf_token": token, "numbers": numbers, "as_at": date.today().isoformat()}
    )
    assert response.status_code == 200
    rows = _rows(response.get_data(as_text=True))
    assert rows[0]["you_entered"] == DEFUSED and rows[0]["outcome"] == "invalid_number"
    assert rows[1]["name"] == DEFUSED and rows[1]["conditions"] == DEFUSED
    _assert_nothing_runs(rows)


def test_a_stored_check_downloads_defused_too(client_as, registered, la_organisation) -> None:
    officer = client_as("la_officer", organisation=la_organisation())
    mediator = registered(PAYLOAD, conditions=PAYLOAD)
    token = csrf_token_from(officer.get("/check").text)
    sent = officer.post("/check", data={"csrf_token": token, "numbers": f"{PAYLOAD}\n{mediator.registration_number}"})
    assert sent.status_code == 302, sent.text
    response = officer.get(sent.headers["Location"] + "/results.csv")
    assert response.status_code == 200
    rows = _rows(response.get_data(as_text=True))
    assert [rows[0]["you_entered"], rows[1]["name"], rows[1]["conditions"]] == [DEFUSED] * 3
    _assert_nothing_runs(rows)


def test_the_log_export_defuses_every_text_column(client_as, factories) -> None:
    client = client_as("mediator")
    mediator = factories.mediator(user_id=client.user.id)
    factories.accreditation(mediator)
    entry = add_entry(
        mediator,
        "cpd",
        "mediation_skills",
        "1",
        status="rejected",
        title=PAYLOAD,
        provider=PAYLOAD,
        reflection=PAYLOAD,
        review_note=PAYLOAD,
    )
    db.session.add(
        EvidenceFile(
            log_entry_id=entry.id,
            stored_name=secrets.token_hex(16),
            original_name=PAYLOAD,
            content_type="application/pdf",
            size_bytes=1,
            sha256="0" * 64,
        )
    )
    db.session.flush()
    response = client.get("/workspace/mediator/log/export.csv")
    assert response.status_code == 200
    rows = _rows(response.get_data(as_text=True))
    for column in ("title", "provider", "reflection", "review_note", "evidence_file"):
        assert rows[0][column] == DEFUSED, column
    _assert_nothing_runs(rows)


# The version a change was made from ------------------------------------------------------------


class _VersionedForm(RegisterForm):
    class Meta:
        csrf = False

    version = VersionField()


@pytest.mark.parametrize("sent", [{"other": "x"}, {"version": ""}, {"version": "seven"}, {}])
def test_a_version_not_sent_is_an_error_and_never_the_records_own(app: Flask, sent: dict[str, str]) -> None:
    with app.test_request_context("/", method="POST", data=sent):
        form = _VersionedForm(version="7")  # what a view passes in: the record's version now
        assert not form.validate()
        assert form.version.errors == [MISSING_VERSION]
    with app.test_request_context("/", method="POST", data={"version": "7"}):
        form = _VersionedForm(version="8")
        assert form.validate() and form.version.number == 7


def test_every_hidden_version_in_a_form_is_a_version_field(app: Flask) -> None:
    found = []
    for form in _page_forms():
        for name, unbound in vars(form).items():
            field = getattr(unbound, "field_class", None)
            if "version" in name and field is not None and issubclass(field, HiddenField):
                found.append(f"{form.__module__}.{form.__name__}.{name}")
                assert issubclass(field, VersionField), found[-1]
    assert len(found) >= 7


def test_a_decision_sent_without_its_version_changes_nothing(client_as, factories) -> None:
    body = factories.organisation(kind="accrediting_body")
    mediator = factories.mediator()
    accreditation = factories.accreditation(mediator, body)
    registrar = client_as("registrar", organisation=body)
    path = f"/workspace/registrar/accreditations/{accreditation.id}/suspend"
    token = csrf_token_from(registrar.get(path).text)
    answers = {"csrf_token": token, "reason": "Complaint", "public_note": "Suspended for now", "confirm": "y"}
    events = select(func.count()).select_from(AccreditationEvent)

    before = db.session.scalar(events)
    refused = registrar.post(path, data=answers)
    assert refused.status_code == 200 and MISSING_VERSION in refused.text
    db.session.expire_all()
    assert db.session.get(Accreditation, accreditation.id).status == "accredited"
    assert db.session.scalar(events) == before

    applied = registrar.post(path, data=answers | {"version": str(accreditation.version)})
    assert applied.status_code == 302
    db.session.expire_all()
    assert db.session.get(Accreditation, accreditation.id).status == "suspended"


def test_a_concern_outcome_sent_without_its_version_changes_nothing(client_as, factories) -> None:
    body = factories.organisation(kind="accrediting_body")
    mediator = factories.mediator()
    accreditation = factories.accreditation(mediator, body)
    concern = raise_concern(
        ConcernInput(subject="mediator", description="Rude", registration_number=mediator.registration_number)
    )
    registrar = client_as("registrar", organisation=body)
    path = f"/workspace/registrar/concerns/{concern.reference}"
    token = csrf_token_from(registrar.get(path).text)
    assert registrar.post(path + "/triage", data={"csrf_token": token, "within_scope": "yes"}).status_code == 302
    answers = {"csrf_token": token, "outcome": "suspension", "reason": "Rude", "public_note": "Suspended for now"}

    refused = registrar.post(path + "/outcome", data=answers)
    assert refused.status_code == 200 and MISSING_VERSION in refused.text
    # 0: the page showed no running accreditation, so one found now has changed since.
    stale = registrar.post(path + "/outcome", data=answers | {"expected_version": "0"})
    assert stale.status_code == 200 and CHANGED_BY_SOMEONE_ELSE in stale.text
    db.session.expire_all()
    assert db.session.get(Accreditation, accreditation.id).status == "accredited"
    applied = registrar.post(path + "/outcome", data=answers | {"expected_version": str(accreditation.version)})
    assert applied.status_code == 302


def test_a_log_entry_changed_without_its_version_is_refused(client_as, factories) -> None:
    client = client_as("mediator")
    mediator = factories.mediator(user_id=client.user.id)
    entry = add_entry(mediator, "cpd", "mediation_skills", "1", title="Before")
    path = f"/workspace/mediator/log/{entry.id}/edit"
    answers = {
        "csrf_token": csrf_token_from(client.get(path).text),
        "category": "mediation_skills",
        "occurred_on": [str(part) for part in (entry.occurred_on.day, entry.occurred_on.month, entry.occurred_on.year)],
        "hours": "2",
        "title": "After",
    }
    refused = client.post(path, data=answers)
    assert refused.status_code == 200 and MISSING_VERSION in refused.text
    db.session.expire_all()
    assert db.session.get(LogEntry, entry.id).title == "Before"
    assert client.post(path, data=answers | {"expected_version": str(entry.version)}).status_code == 302


# JSON bodies -------------------------------------------------------------------------------------


def _headers(token: str, content_type: str = "application/json") -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Content-Type": content_type}


def _assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.mimetype == "application/problem+json"
    assert response.json["status"] == status
    return response.json


def test_the_depth_of_json_is_measured_without_recursion() -> None:
    assert not nested_deeper_than(b'{"a": [[1, {"b": []}]]}', 5)
    assert nested_deeper_than(b'{"a": [[1, {"b": []}]]}', 4)
    assert not nested_deeper_than(b'["[[[[[[", "\\"[[[[", {"x": "]]]]{{"}]', 2)
    assert nested_deeper_than(b"[" * 100_000, 32)


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 100_000])
def test_json_nested_too_deeply_is_a_400_problem(client: FlaskClient, api_key, depth: int) -> None:
    body = '{"numbers": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"
    response = client.post("/api/v1/checks", data=body, headers=_headers(api_key().token))
    problem = _assert_problem(response, 400)
    assert f"at most {MAX_JSON_DEPTH} levels" in problem["detail"]
    assert db.session.scalar(select(func.count()).select_from(BulkCheck)) == 0


def test_json_as_deep_as_allowed_is_read_and_brackets_in_strings_count_for_nothing(
    client: FlaskClient,
    api_key,
) -> None:
    token = api_key().token
    deep = '{"numbers": ' + "[" * (MAX_JSON_DEPTH - 1) + "]" * (MAX_JSON_DEPTH - 1) + "}"
    _assert_problem(client.post("/api/v1/checks", data=deep, headers=_headers(token)), 422)
    brackets = json.dumps({"numbers": ["[" * 60 + "{" * 30]})
    response = client.post("/api/v1/checks", data=brackets, headers=_headers(token))
    assert response.status_code == 201 and response.json["items"][0]["outcome"] == "invalid_number"


def test_json_larger_than_allowed_is_a_413_problem_with_or_without_a_length(
    client: FlaskClient,
    api_key,
) -> None:
    token = api_key().token
    body = json.dumps({"numbers": ["SM-000001-1"] * 100_000}).encode()
    assert len(body) > MAX_JSON_BYTES
    _assert_problem(client.post("/api/v1/checks", data=body, headers=_headers(token)), 413)
    streamed = client.post("/api/v1/checks", input_stream=io.BytesIO(body), headers=_headers(token))
    _assert_problem(streamed, 413)
    assert db.session.scalar(select(func.count()).select_from(BulkCheck)) == 0


# Control characters in ---------------------------------------------------------------------------

REFUSED_EVERYWHERE = [chr(code) for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)]


def _page_forms() -> list[type[FlaskForm]]:
    found, queue = [], deque(FlaskForm.__subclasses__())
    while queue:
        form = queue.popleft()
        queue.extend(form.__subclasses__())
        if form.__module__.startswith("registry.web."):
            found.append(form)
    return found


def test_every_page_form_derives_from_the_register_form(app: Flask) -> None:
    forms = _page_forms()
    assert len(forms) > 40
    assert [f"{form.__module__}.{form.__name__}" for form in forms if not issubclass(form, RegisterForm)] == []


def _concern(client: FlaskClient, mediator, **answers: str):
    token = csrf_token_from(client.get("/concerns/new").text)
    data = {"subject": "mediator", "registration_number": mediator.registration_number, "description": "Late"}
    return client.post("/concerns/new", data={"csrf_token": token, **data, **answers})


def _concerns() -> int:
    return db.session.scalar(select(func.count()).select_from(Concern)) or 0


@pytest.mark.parametrize("character", REFUSED_EVERYWHERE + ["\t", "\n", "\r"])
def test_a_control_character_in_a_line_of_text_is_an_error_of_that_field(
    client: FlaskClient,
    registered,
    character: str,
) -> None:
    mediator = registered()
    before = _concerns()
    response = _concern(client, mediator, raised_by_name=f"Sam{character}Parent")
    assert response.status_code == 200
    assert "Remove the control character from Your name" in response.text
    assert "govuk-error-summary" in response.text
    assert _concerns() == before


def test_a_text_area_keeps_its_line_breaks_and_tabs_but_not_other_control_characters(
    client: FlaskClient,
    registered,
) -> None:
    mediator = registered()
    refused = _concern(client, mediator, description="Late\x0bagain")
    assert "Remove the control character from Describe your concern" in refused.text
    assert _concern(client, mediator, description="Late,\r\nagain.\tTwice").status_code == 302
    assert db.session.scalars(select(Concern).order_by(Concern.id.desc())).first().description.startswith("Late,")


def test_a_control_character_in_a_log_import_names_its_row_and_column(client_as, factories) -> None:
    client = client_as("mediator")
    mediator = factories.mediator(user_id=client.user.id)
    day = (date.today() - timedelta(days=3)).isoformat()
    text = (
        "date,kind,category,hours,title,provider,reflection\r\n"
        f"{day},cpd,mediation_skills,1,Fine,,\r\n"
        f"{day},cpd,mediation_skills,1,Bad\x00title,,\r\n"
        f'{day},supervision,group,1,Fine too,,"Two\r\nlines\x01"\r\n'
    )
    token = csrf_token_from(client.get("/workspace/mediator/your-data").text)
    response = client.post(
        "/workspace/mediator/log/import",
        data={"csrf_token": token, "csv_file": (io.BytesIO(text.encode()), "log.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    listed = re.findall(r"Row (\d+)</td>\s*<td[^>]*>(\w+)</td>\s*<td[^>]*>([^<]+)<", response.text)
    assert listed == [("3", "title", CELL_REFUSED), ("4", "reflection", CELL_REFUSED)]
    assert db.session.scalar(select(func.count()).select_from(LogEntry).where(LogEntry.mediator_id == mediator.id)) == 0


def test_a_control_character_in_an_outcome_return_names_its_row_and_column() -> None:
    good = ",".join(str(value) for value in GOOD.values())
    text = ",".join(returns_csv.COLUMNS) + f"\r\n{LEEDS},2026,1,{good},fine\r\n{LEEDS},2026,2,{good},bad\x00note\r\n"
    with pytest.raises(returns_csv.ImportRefused) as refusal:
        returns_csv.check_file(text)
    assert [str(problem) for problem in refusal.value.problems] == [
        "Row 3, note: Remove the control character from this cell"
    ]


def test_the_log_import_is_refused_before_anything_is_looked_up(factories) -> None:
    mediator = factories.mediator()
    text = "date,kind,category,hours,title,local_authority\r\n2026-01-05,practice,mediation,1,x,E08\x000035\r\n"
    with pytest.raises(logbook.ImportRefused) as refusal:
        logbook.import_csv(mediator, None, text)
    assert [str(problem) for problem in refusal.value.problems] == [
        "Row 2, local_authority: Remove the control character from this cell"
    ]


def test_a_control_character_in_an_uploaded_check_names_its_row_and_stores_nothing(
    client_as,
    la_organisation,
) -> None:
    officer = client_as("la_officer", organisation=la_organisation())
    token = csrf_token_from(officer.get("/check").text)
    upload = b"name,registration_number\r\nAda,SM-000001-1\r\nBea,SM\x00000002\r\n"
    response = officer.post(
        "/check",
        data={"csrf_token": token, "numbers": "", "file": (io.BytesIO(upload), "panel.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "Row 3, registration_number: Remove the control character from this cell" in response.text
    assert db.session.scalar(select(func.count()).select_from(BulkCheck)) == 0


def test_a_pasted_number_with_a_control_character_is_an_error_of_the_numbers(client: FlaskClient) -> None:
    token = csrf_token_from(client.get("/check").text)
    response = client.post("/check", data={"csrf_token": token, "numbers": "SM-000001-1\nSM\x00000002"})
    assert response.status_code == 200
    assert "Remove the control character from Registration numbers" in response.text


def test_api_json_strings_with_a_control_character_are_a_422_pointing_at_them(
    client: FlaskClient,
    api_key,
) -> None:
    token = api_key().token
    response = client.post("/api/v1/checks", json={"numbers": ["SM-000001-1", "SM\x00000002"]}, headers=_headers(token))
    problem = _assert_problem(response, 422)
    assert {"location": "body", "pointer": "#/numbers/1", "detail": "Remove the control character from this value"} in (
        problem["errors"]
    )
    search = _assert_problem(client.get("/api/v1/mediators?q=Ada%01"), 422)
    assert search["errors"][0]["pointer"] == "#/q"
    assert db.session.scalar(select(func.count()).select_from(BulkCheck)) == 0


def test_an_api_csv_with_a_control_character_is_a_422_naming_the_row(
    client: FlaskClient,
    api_key,
) -> None:
    response = client.post(
        "/api/v1/checks", data="SM-000001-1\nSM\x00000002\n", headers=_headers(api_key().token, "text/csv")
    )
    problem = _assert_problem(response, 422)
    assert problem["errors"] == [
        {"location": "body", "pointer": "#", "detail": "Row 2, column 1: Remove the control character from this cell"}
    ]
    assert db.session.scalar(select(func.count()).select_from(BulkCheck)) == 0


# Every form of the demo register, as each sign-in ---------------------------------------------------

NUL_ANSWER = "a\x00b"
BUTTONS = ("file", "submit", "button", "image")  # no text to hold a NUL (a button-only form is just sent)
PAGES_PER_SIGN_IN = 80


def _send_nul_and_no_version(client: FlaskClient, start: str) -> tuple[int, int, list[str]]:
    """Every POST form found by following links: once with a NUL in every answer, and (for a form
    holding a version) once as it was shown but without the version."""
    queue, seen, shapes = deque([start, "/concerns/new", "/check"]), set(), set()
    sent, versioned, problems = 0, 0, []
    while queue and len(seen) < PAGES_PER_SIGN_IN:
        path = queue.popleft()
        if path in seen or _shape(path) in shapes:
            continue
        seen.add(path)
        shapes.add(_shape(path))
        page = client.get(path, follow_redirects=True)  # /workspace leads on to the person's own
        if page.status_code != 200 or page.mimetype != "text/html":
            continue
        path = page.request.path + (f"?{page.request.query_string.decode()}" if page.request.query_string else "")
        html = page.get_data(as_text=True)
        queue.extend(_links(html, path))
        parser = _Forms()
        parser.feed(html)
        for action, fields in parser.forms:
            target = urljoin(path, action or path)
            if "sign-out" in target:  # signing out would end the crawl
                continue
            token = next((offered[0] for name, _, offered in fields if name == "csrf_token"), "")
            answers = {name: NUL_ANSWER for name, kind, _ in fields if name != "csrf_token" and kind not in BUTTONS}
            if answers:
                response = client.post(target, data={"csrf_token": token, **answers})
                sent += 1
                if response.status_code >= 500 or response.status_code == 302:
                    problems.append(f"{target} (form on {path}) with NUL answers: {response.status_code}")
                elif response.status_code == 200 and "Remove the control character from" not in response.text:
                    problems.append(f"{target} (form on {path}): no field named the NUL")
            shown = {name: (offered or [""])[0] for name, kind, offered in fields if kind in ("hidden", "text")}
            if "version" in shown or "expected_version" in shown:
                versioned += 1
                shown.pop("version", None), shown.pop("expected_version", None)
                response = client.post(target, data=shown)
                if response.status_code == 302 or MISSING_VERSION not in response.text:
                    problems.append(f"{target} (form on {path}) without its version: {response.status_code}")
    return sent, versioned, problems


@pytest.mark.parametrize("email", [None, *DEMO_EMAILS])
def test_no_form_takes_a_nul_or_a_change_without_its_version(app: Flask, demo_register, email: str | None) -> None:
    client = app.test_client()
    if email:
        sign_in(client, db.session.scalars(select(User).where(User.email == email)).one(), DEMO_TEST_PASSWORD)
    sent, versioned, problems = _send_nul_and_no_version(client, "/workspace" if email else "/")
    print(f"{email}: {sent} forms sent with NUL answers, {versioned} without their version")
    assert problems == []
    assert sent > 0, "no form was found to send"
    if email in ("registrar@demo.test", "mediator@demo.test", "trainer@demo.test"):
        assert versioned > 0, "no form holding a version was found"
