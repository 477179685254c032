"""The log as CSV: the round trip, all-or-nothing import with per-row problems, formula safety."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from sqlalchemy import select

from registry.extensions import db
from registry.models import LocalAuthority, LogEntry
from tests.mediator.conftest import MediatorWorld
from tests.test_pages_basics import assert_page_basics

EXPORT = "/workspace/mediator/log/export.csv"
IMPORT = "/workspace/mediator/log/import"
FIELDS = (
    "kind",
    "category",
    "occurred_on",
    "quarter_hours",
    "title",
    "provider",
    "reflection",
    "local_authority_id",
    "issue_type",
    "format",
    "outcome_band",
)


def _log(mediator_id: int) -> list[tuple]:
    entries = db.session.scalars(select(LogEntry).where(LogEntry.mediator_id == mediator_id))
    return sorted(tuple(getattr(entry, name) for name in FIELDS) for entry in entries)


def _import(world: MediatorWorld, text: str | bytes, filename: str = "log.csv"):
    body = text.encode() if isinstance(text, str) else text
    data = {"csrf_token": world.token("/workspace/mediator/your-data"), "csv_file": (io.BytesIO(body), filename)}
    return world.client.post(IMPORT, data=data, content_type="multipart/form-data")


def test_export_then_import_into_an_empty_log_reproduces_the_entries(
    world: MediatorWorld, client_as, factories, seed
) -> None:
    la = db.session.scalars(select(LocalAuthority).where(LocalAuthority.gss_code == "E08000025")).one()
    seed(
        world.mediator,
        "cpd",
        "send_law_policy_practice",
        "1.25",
        5,
        title="Tribunal, update",
        provider="Law Co",
        reflection='Line one\nline two with "quotes", commas',
    )
    seed(world.mediator, "cpd", "mediation_skills", "2", 8, title='=HYPERLINK("http://x")', reflection="-1+1")
    seed(world.mediator, "supervision", "group", "1.5", 12, title="Group supervision", status="verified")
    seed(
        world.mediator,
        "practice",
        "send_mediation",
        "3.75",
        20,
        title="Mediation, refusal to assess",
        local_authority_id=la.id,
        issue_type="refusal_to_assess",
        format="video",
        outcome_band="no_agreement",
    )
    response = world.client.get(EXPORT)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment")
    exported = response.data
    rows = list(csv.DictReader(io.StringIO(exported.decode())))
    assert [row["kind"] for row in rows] == ["practice", "supervision", "cpd", "cpd"], "oldest first"
    assert rows[0]["local_authority"] == "E08000025" and rows[1]["review_status"] == "verified"
    assert rows[2]["title"].startswith("'="), "a formula is written so that spreadsheets show it as text"

    other = client_as("mediator")
    other_mediator = factories.mediator(user_id=other.user.id)
    copy = MediatorWorld(other, other.user, other_mediator, world.body, world.accreditation)
    response = _import(copy, exported)
    assert response.status_code == 302, response.text
    assert _log(other_mediator.id) == _log(world.mediator.id)
    statuses = db.session.scalars(select(LogEntry.review_status).where(LogEntry.mediator_id == other_mediator.id))
    assert set(statuses) == {"declared"}, "imported entries wait for review"


GOOD = "2026-01-10,cpd,mediation_skills,2,Skills day,,"
HEADER = "date,kind,category,hours,title,provider,reflection"


def test_one_bad_row_imports_nothing_and_names_the_row_and_problem(world: MediatorWorld) -> None:
    future = (date.today() + timedelta(days=3)).isoformat()
    text = "\n".join([HEADER, GOOD, f"{future},cpd,mediation_skills,1.3,Bad row,,", GOOD.replace("Skills", "Other")])
    response = _import(world, text)
    assert response.status_code == 200
    assert _log(world.mediator.id) == []
    html = response.text
    assert "govuk-error-summary" in assert_page_basics(html).classes
    assert "Nothing was imported" in html
    assert "Row 3" in html and "The date must be today or in the past" in html
    assert "Enter hours in quarter hours" in html
    assert "Row 2" not in html and "Row 4" not in html


def test_every_kind_of_problem_is_named(world: MediatorWorld) -> None:
    text = "\n".join(
        [
            HEADER + ",local_authority,issue_type,format,outcome_band",
            "14/03/2026,cpd,mediation_skills,1,Day-first dates are fine,,,,,,",
            "2026-02-30,cpd,mediation_skills,1,Bad date,,,,,,",
            "2026-01-10,workshop,mediation_skills,1,Bad kind,,,,,,",
            "2026-01-10,supervision,mediation_skills,1,Wrong category,,,,,,",
            "2026-01-10,practice,send_mediation,2,No LA,,,X99,placement,video,full_agreement",
            "2026-01-10,practice,send_mediation,2,Reflection,,Names family,E08000025,placement,video,full_agreement",
            "2026-01-10,cpd,mediation_skills,two,Words for hours,,,,,,",
        ]
    )
    html = _import(world, text).text
    for expected in (
        "Row 3",
        "Enter the date as 2026-03-14 or 14/03/2026",
        "Row 4",
        "Choose CPD, supervision or practice",
        "Row 5",
        "Choose one-to-one or group supervision",
        "Row 6",
        "There is no local authority with the code X99",
        "Row 7",
        "Practice entries have no reflection",
        "Row 8",
        "Enter the hours as a number",
    ):
        assert expected in html, expected
    assert "Row 2," not in html and ">Row 2<" not in html
    assert _log(world.mediator.id) == []


def test_importing_the_same_file_twice_does_not_double_the_log(world: MediatorWorld) -> None:
    text = "\n".join([HEADER, GOOD])
    assert _import(world, text).status_code == 302
    html = _import(world, text).text
    assert "This entry is already in your log" in html
    assert len(_log(world.mediator.id)) == 1


def test_a_file_without_the_columns_or_not_in_utf8_is_refused(world: MediatorWorld) -> None:
    assert "must name the columns" in _import(world, "when,what\n2026-01-01,x").text
    assert "saved as UTF-8" in _import(world, (HEADER + "\n" + GOOD + ",café").encode("latin-1")).text
    assert (
        "Choose a CSV file"
        in world.client.post(IMPORT, data={"csrf_token": world.token("/workspace/mediator/your-data")}).text
    )
    assert _log(world.mediator.id) == []
