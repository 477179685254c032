"""Addresses with a NUL character are refused with a clear page and change nothing (PostgreSQL
cannot hold NUL in text, so without the guard they failed inside the database on the PostgreSQL leg).
A NUL in a form answer is an error of its field instead (see tests/security/test_bad_input.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry.extensions import db
from registry.models import Concern
from tests.conftest import csrf_token_from
from tests.test_pages_basics import assert_page_basics

EXPLAINED = "contains a character that cannot be used"


@pytest.mark.parametrize(
    "path",
    [
        "/mediators?q=%00",
        "/mediators?q=a%00b",
        "/mediators?local_authority=%00",
        "/mediators/SM%00",
        "/check?numbers=%00",
        "/training?q=%00",
        "/concerns/CN-%00",
        "/concerns/follow?reference=%00",
        "/statistics?year=%00",
        "/mediators?%00=x",
    ],
)
def test_a_nul_in_an_address_is_refused_with_a_clear_page(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert_page_basics(response.text)
    assert EXPLAINED in response.text


def test_a_nul_in_a_form_answer_is_an_error_of_its_field_and_saves_nothing(client, on_register) -> None:
    mediator = on_register()
    token = csrf_token_from(client.get("/concerns/new").text)
    before = db.session.scalar(select(func.count()).select_from(Concern))
    response = client.post(
        "/concerns/new",
        data={"csrf_token": token, "subject": "mediator", "registration_number": mediator.registration_number,
              "description": "Late\x00 again"},
    )  # fmt: skip
    assert response.status_code == 200 and EXPLAINED not in response.text
    assert_page_basics(response.text)
    assert "govuk-error-summary" in response.text
    assert "Remove the control character from Describe your concern" in response.text
    assert db.session.scalar(select(func.count()).select_from(Concern)) == before


def test_the_api_keeps_its_own_422_for_the_same(client) -> None:
    response = client.get("/api/v1/mediators?q=%00")
    assert response.status_code == 422 and response.mimetype == "application/problem+json"


def test_other_bad_requests_keep_the_general_page(client) -> None:
    response = client.post("/concerns/new", data={"description": "no token"})
    assert response.status_code == 400 and EXPLAINED not in response.text
