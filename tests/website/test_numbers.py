"""Page numbers, ids and versions from requests: never a number the database cannot hold.

``99999999999999999999`` in ``?page=`` or an id used to reach the database and fail there (500
on both SQLite and PostgreSQL); ``²`` is a digit to Python but not a number.
"""

from __future__ import annotations

import pytest

from registry.web.numbers import LARGEST, LAST_PAGE, page_requested, whole_number
from tests.conftest import csrf_token_from

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    ("text", "number"),
    [("7", 7), (" 42 ", 42), ("0", 0), (str(LARGEST), LARGEST), (str(LARGEST + 1), None), (HUGE, None),
     ("²", None), ("-3", None), ("1e3", None), ("", None), (None, None), ("٣", None)],
)  # fmt: skip
def test_whole_numbers(text: str | None, number: int | None) -> None:
    assert whole_number(text) == number


@pytest.mark.parametrize(("query", "page"), [("", 1), ("?page=3", 3), ("?page=0", 1), (f"?page={HUGE}", 1),
                                             (f"?page={LAST_PAGE + 5}", LAST_PAGE), ("?page=x", 1)])  # fmt: skip
def test_the_page_asked_for(app, query: str, page: int) -> None:
    with app.test_request_context(f"/anything{query}"):
        assert page_requested() == page


@pytest.mark.parametrize("path", ["/training", "/oversight", "/mediators", "/mediators?status=any"])
def test_public_lists_take_any_page_number(client, path: str) -> None:
    joiner = "&" if "?" in path else "?"
    for page in (HUGE, "-1", "²", str(LAST_PAGE + 1)):
        assert client.get(f"{path}{joiner}page={page}").status_code == 200, page


def test_workspace_lists_and_ids_take_any_number(client_as) -> None:
    admin = client_as("admin")
    assert admin.get(f"/workspace/admin/people?page={HUGE}").status_code == 200
    assert admin.get(f"/workspace/admin/audit-trail?before={HUGE}").status_code == 200
    token = csrf_token_from(admin.get("/workspace/admin/people").text)
    refused = admin.post(
        "/workspace/admin/people",
        data={"csrf_token": token, "name": "Big Number", "email": "big@example.org", "role": "registrar",
              "organisation_id": HUGE},
    )  # fmt: skip
    assert refused.status_code == 200 and "There is a problem" in refused.text
    registrar = client_as("registrar")
    assert registrar.get(f"/workspace/registrar/applications?page={HUGE}").status_code == 200
    assert registrar.get(f"/workspace/registrar/applications/{HUGE}").status_code == 404
    assert registrar.get(f"/workspace/registrar/accreditations/{HUGE}").status_code == 404
