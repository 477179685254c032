"""The public pages: published reviews at /oversight (nothing unpublished, no private notes, no
mediator named), and /statistics with SVG charts beside their tables, a GET filter and CSV downloads."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from registry.domain.oversight import actions, returns, reviews
from tests.oversight.conftest import BRADFORD, CAMDEN, LEEDS
from tests.test_pages_basics import assert_page_basics

NOTE = "Private finding note about assessor workload"


def _review(user, subject, **fields):
    plan = reviews.ReviewPlan(
        subject_kind=fields.pop("kind", "accrediting_body"),
        review_type="annual",
        title=fields.pop("title", "Annual review"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        **fields,
    )
    review = reviews.plan_review(plan, user)
    for criterion in reviews.review_criteria(review):
        reviews.record_finding(review, criterion.code, "partially_met", NOTE, user)
    return review


def test_only_published_reviews_are_public_and_without_notes(client, frozen_clock, oversight_user, body) -> None:
    published = _review(oversight_user, body, organisation_id=body.id, title="Published review")
    actions.add_action(published, body.id, "Train more assessors", date(2026, 9, 30), oversight_user)
    reviews.publish_review(published, "The body is fair but slow.", oversight_user)
    hidden = _review(oversight_user, body, organisation_id=body.id, title="Draft review")

    index = client.get("/oversight")
    assert index.status_code == 200
    assert_page_basics(index.text)
    assert "Published review" in index.text and "Draft review" not in index.text

    page = client.get(f"/oversight/{published.reference}")
    assert page.status_code == 200
    assert_page_basics(page.text)
    assert "The body is fair but slow." in page.text and "Partially met" in page.text
    assert "Train more assessors" in page.text and "30 September 2026" in page.text
    assert NOTE not in page.text
    assert client.get(f"/oversight/{hidden.reference}").status_code == 404
    assert client.get("/oversight/OR-999999").status_code == 404


def test_a_published_mediator_review_does_not_name_the_mediator(client, frozen_clock, oversight_user, body, accredited):
    mediator = accredited(body)
    review = _review(oversight_user, body, kind="mediator", registration_number=mediator.registration_number)
    reviews.publish_review(review, "Practice meets the standards.", oversight_user)
    page = client.get(f"/oversight/{review.reference}")
    assert f"A mediator accredited by {body.name}" in page.text
    assert mediator.display_name not in page.text and mediator.registration_number not in page.text


@pytest.fixture
def with_returns(frozen_clock, factories):
    provider = factories.organisation(kind="mediation_provider")
    person = factories.person_with_role("provider", provider)
    figures = dict.fromkeys(returns.FIGURE_LABELS, 0) | {"advice_contacts": 100, "mediations_held": 40}
    returns.submit(provider, returns.ReturnInput(LEEDS, 2026, 1, figures | {"mediation_chosen": 40}), person)
    chose = {"mediations_held": 10, "mediation_chosen": 12}
    returns.submit(provider, returns.ReturnInput(BRADFORD, 2026, 1, figures | chose), person)


def test_statistics_page_has_a_chart_and_table_for_each_figure(client, with_returns) -> None:
    response = client.get("/statistics")
    assert response.status_code == 200
    facts = assert_page_basics(response.text)
    assert not [f for f in facts.forms if f.method == "post"]  # the filter is a GET form
    html = response.text
    for slug in ("mediators-by-region", "mediation-take-up", "costs-avoided", "concern-outcomes", "cpd-compliance"):
        assert f'id="{slug}-chart"' in html and f'id="{slug}-table"' in html
        assert f"/statistics/{slug}.csv?year=2026" in html
    assert 'id="mediators-by-local-authority-table"' in html  # a table only: 153 rows
    assert 'role="img"' in html and "<script" not in html.split('id="main-content"')[1]
    assert "no data" in html and "Open Government Licence" in html
    assert "26.0%" in html  # take-up in Yorkshire: 52 of 200 chose mediation


def test_statistics_filter_by_region(client, with_returns) -> None:
    response = client.get("/statistics?year=2026&region=E12000003")
    assert "Showing <strong>Yorkshire and The Humber</strong>" in response.text
    assert "Leeds" in response.text and "Wakefield" in response.text
    assert "Camden" not in response.text


def test_a_figure_downloads_as_csv_under_the_open_government_licence(client, with_returns) -> None:
    response = client.get("/statistics/mediation-take-up.csv?year=2026")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "open-government-licence" in response.headers["Link"] and 'rel="license"' in response.headers["Link"]
    assert 'filename="mediation-take-up-2026-england.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["Region", "Advice contacts", "Chose mediation", "Take-up (%)", "Mediations held"]
    table = rows[1 : rows.index([])]
    assert len(table) == 10  # nine regions and England
    by_area = {row[0]: row[1:] for row in table}
    assert by_area["Yorkshire and The Humber"] == ["200", "52", "26.0", "50"]
    assert by_area["London"] == ["", "", "", ""]  # no data is an empty cell, not 0
    about = {row[0]: row[1] for row in rows[rows.index(["About this table"]) + 1 :] if len(row) == 2}
    assert about["Definition"].startswith("Take-up is the advice contacts who chose mediation as a percentage of")
    assert about["Source"] == "2 outcome returns from mediation providers, each at its latest revision"
    listed = rows[
        rows.index(["Mediation provider", "Local authority", "GSS code", "Quarter", "Revision", "Sent on"]) + 1 :
    ]
    assert [(row[1], row[3], row[4]) for row in listed] == [
        ("Bradford", "January to March 2026", "1"),
        ("Leeds", "January to March 2026", "1"),
    ]
    assert client.get("/statistics/nothing-here.csv").status_code == 404


def test_every_figure_downloads_with_its_definition_and_cells_neutralised(client, frozen_clock, factories) -> None:
    provider = factories.organisation(kind="mediation_provider", name='=HYPERLINK("http://evil")')
    person = factories.person_with_role("provider", provider)
    figures = dict.fromkeys(returns.FIGURE_LABELS, 0) | {"advice_contacts": 10, "certificates_issued": 6}
    returns.submit(provider, returns.ReturnInput(LEEDS, 2026, 1, figures), person)
    page = client.get("/statistics?year=2026").text
    slugs = re.findall(r'href="/statistics/([a-z-]+)\.csv\?year=2026', page)
    assert len(slugs) == 12 and "mediation-certificates" in slugs
    for slug in slugs:
        text = client.get(f"/statistics/{slug}.csv?year=2026").text
        rows = list(csv.reader(io.StringIO(text)))
        assert ["About this table"] in rows and any(row[0] in ("Definition", "Note") for row in rows if row), slug
    certificates = list(csv.reader(io.StringIO(client.get("/statistics/mediation-certificates.csv?year=2026").text)))
    assert certificates[0] == [
        "Region",
        "Advice contacts",
        "Certificates issued",
        "Certificates per 100 advice contacts (%)",
    ]
    assert {row[0]: row[1:] for row in certificates[1:11]}["Yorkshire and The Humber"] == ["10", "6", "60.0"]
    assert any(row and row[0].startswith("'=HYPERLINK") for row in certificates), "a provider's name cannot run"


def _table(html: str, slug: str) -> dict[str, list[str]]:
    table = html.split(f'id="{slug}-table"')[1].split("</table>")[0]
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S)
    cells = [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row) for row in rows]
    return {row[0]: row[1:] for row in cells[1:] if row}  # the first row is the heading


def _number(text: str) -> int:
    return 0 if text == "no data" else int(text.replace(",", "").replace("£", ""))


def test_england_is_the_sum_of_its_regions_on_the_same_page_load(client, frozen_clock, factories) -> None:
    provider = factories.organisation(kind="mediation_provider")
    person = factories.person_with_role("provider", provider)
    for la, quarter, advice, held in ((LEEDS, 1, 90, 40), (BRADFORD, 2, 60, 11), ("E09000007", 1, 33, 17)):
        figures = dict.fromkeys(returns.FIGURE_LABELS, 0) | {
            "advice_contacts": advice, "certificates_issued": advice - 5, "mediations_held": held,
            "mediation_chosen": held + 1,
            "appeals_after_mediation": 3, "appeals_without_mediation": 7,
        }  # fmt: skip
        returns.submit(provider, returns.ReturnInput(la, 2026, quarter, figures), person)
    html = client.get("/statistics?year=2026").text
    for slug, columns in (
        ("mediation-take-up", (0, 1, 3)),
        ("mediation-certificates", (0, 1)),
        ("later-appeals", (0, 1, 3, 4)),
        ("costs-avoided", (0, 1)),  # held and the total (not the average)
    ):
        rows = _table(html, slug)
        england = rows.pop("England (all)")
        assert len(rows) == 9, slug
        for column in columns:
            total = sum(_number(row[column]) for row in rows.values())
            # Money is rounded once per cell for display: the regions' pounds may differ from England's by
            # under £1 a region; the exact sum is checked in the domain test.
            assert abs(total - _number(england[column])) <= (len(rows) if slug == "costs-avoided" else 0), slug
    assert _table(html, "mediation-take-up")["England (all)"] == ["183", "71", "38.8%", "68"]


MANCHESTER = "E08000003"
# The 2017 review of SEND disagreement resolution, as four providers' returns for 2016 might have put it:
# 3,003 parents and young people had mediation advice, 1,261 (42.0%) decided to go to mediation; 1,275 cases
# were mediated (some after advice given earlier), 280 (22.0%) of them went on to appeal, against 622 of the
# 1,728 not mediated (36.0%): 14.0 points. Its £636,462 of costs avoided over 1,275 mediated cases is the
# register's cost per case. (la, quarter, advice, chose, held, appealed after, appealed without)
REVIEW_RETURNS = (
    (LEEDS, 1, 1000, 420, 425, 93, 207),
    (BRADFORD, 3, 503, 211, 214, 47, 104),
    (CAMDEN, 2, 900, 378, 382, 84, 187),
    (MANCHESTER, 4, 600, 252, 254, 56, 124),
)


def test_the_statistics_reproduce_the_2017_reviews_figures_exactly(client, frozen_clock, factories) -> None:
    provider = factories.organisation(kind="mediation_provider")
    person = factories.person_with_role("provider", provider)
    for la, quarter, advice, chose, held, after, without in REVIEW_RETURNS:
        figures = dict.fromkeys(returns.FIGURE_LABELS, 0) | {
            "advice_contacts": advice, "mediation_chosen": chose, "certificates_issued": advice - chose,
            "mediations_held": held, "appeals_after_mediation": after, "appeals_without_mediation": without,
        }  # fmt: skip
        returns.submit(provider, returns.ReturnInput(la, 2016, quarter, figures), person)
    html = client.get("/statistics?year=2016").text
    england = "England (all)"
    assert _table(html, "mediation-take-up")[england] == ["3,003", "1,261", "42.0%", "1,275"]
    assert _table(html, "later-appeals")[england] == ["1,275", "280", "22.0%", "1,728", "622", "36.0%", "14.0 points"]
    assert _table(html, "costs-avoided")[england] == ["1,275", "£636,462", "£499"]
    costs = list(csv.reader(io.StringIO(client.get("/statistics/costs-avoided.csv?year=2016").text)))
    assert {row[0]: row[1:] for row in costs[1:11]}[england] == ["1275", "636462.00", "499.19"]
