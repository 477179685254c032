"""``POST /api/v1/checks`` (JSON or CSV) and ``GET /api/v1/checks/{id}`` for the same LA only."""

from __future__ import annotations

from datetime import timedelta

from registry.domain import clock
from registry.extensions import db
from tests.api.conftest import count_queries


def _headers(token: str, content_type: str | None = None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token}"}
    return headers | ({"Content-Type": content_type} if content_type else {})


def test_a_json_check_answers_each_number_in_order_and_is_stored(client, registered, api_key) -> None:
    token = api_key().token
    ada, bea = registered("Ada"), registered("Bea", status="suspended")
    numbers = [bea.registration_number, "SM-000001-1", ada.registration_number.lower(), bea.registration_number]
    response = client.post("/api/v1/checks", json={"numbers": numbers}, headers=_headers(token))
    assert response.status_code == 201, response.text
    body = response.json
    assert [i["outcome"] for i in body["items"]] == ["suspended", "invalid_number", "accredited", "suspended"]
    assert [i["position"] for i in body["items"]] == [1, 2, 3, 4]
    assert body["items"][1]["message"] == "Check the number — it looks mistyped"
    assert body["counts"] == {"suspended": 2, "invalid_number": 1, "accredited": 1}
    assert response.headers["Location"] == body["url"] and body["url"].endswith(body["id"])
    again = client.get(body["url"], headers=_headers(token))
    assert again.status_code == 200 and again.json == body


def test_a_csv_check_with_a_header_column_or_one_number_per_line(client, registered, api_key) -> None:
    token = api_key().token
    ada = registered("Ada", valid_from=clock.today() - timedelta(days=5))
    with_header = f"name,registration_number\nAda,{ada.registration_number}\nNobody,SM-000001-X\n"
    response = client.post("/api/v1/checks", data=with_header, headers=_headers(token, "text/csv"))
    assert [i["outcome"] for i in response.json["items"]] == ["accredited", "not_found"]
    one_per_line = f"{ada.registration_number}\r\n\r\nnonsense\r\n"
    past = clock.today() - timedelta(days=30)
    response = client.post(f"/api/v1/checks?as_at={past}", data=one_per_line, headers=_headers(token, "text/csv"))
    assert response.status_code == 201
    assert response.json["as_at"] == str(past)
    assert [i["outcome"] for i in response.json["items"]] == ["not_accredited", "invalid_number"]


def test_invalid_checks_are_422_problems_with_pointers(client, api_key) -> None:
    token = api_key().token

    def post(**kwargs) -> dict:  # type: ignore[no-untyped-def]
        response = client.post("/api/v1/checks", **kwargs)
        assert response.status_code == 422, response.text
        assert response.mimetype == "application/problem+json"
        return response.json

    too_many = post(json={"numbers": ["SM-000001-X"] * 1001}, headers=_headers(token))
    assert too_many["errors"][0]["pointer"] == "#/numbers"
    none = post(json={"numbers": []}, headers=_headers(token))
    assert none["errors"][0]["pointer"] == "#/numbers"
    wrong_type = post(json={"numbers": ["SM-000001-X", 7]}, headers=_headers(token))
    assert wrong_type["errors"][0]["pointer"] == "#/numbers/1"
    future = post(
        json={"numbers": ["SM-000001-X"], "as_at": str(clock.today() + timedelta(days=1))}, headers=_headers(token)
    )
    assert future["errors"][0]["pointer"] == "#/as_at"
    csv_too_many = post(data="\n".join(["SM-000001-X"] * 1001), headers=_headers(token, "text/csv"))
    assert "1,001" in csv_too_many["detail"]
    assert "has 0" in post(data="registration_number\n\n", headers=_headers(token, "text/csv"))["detail"]
    assert post(json=["SM-000001-X"], headers=_headers(token))["errors"][0]["pointer"] == "#"
    unsupported = client.post("/api/v1/checks", data="x", headers=_headers(token, "application/xml"))
    assert unsupported.status_code == 415 and unsupported.mimetype == "application/problem+json"


def test_a_check_is_seen_only_by_the_la_that_made_it(client, registered, api_key, la_organisation) -> None:
    ours, theirs = api_key(la_organisation()), api_key(la_organisation())
    made = client.post("/api/v1/checks", json={"numbers": ["SM-000001-X"]}, headers=_headers(ours.token)).json
    assert client.get(made["url"], headers=_headers(ours.token)).status_code == 200
    other = client.get(made["url"], headers=_headers(theirs.token))
    assert other.status_code == 404 and other.mimetype == "application/problem+json"
    assert client.get(made["url"]).status_code == 401


def test_a_bulk_check_costs_the_same_number_of_queries_whatever_its_size(client, registered, api_key) -> None:
    token = api_key().token
    numbers = [registered(f"Person {i:03d}").registration_number for i in range(40)]

    def queries(batch: list[str]) -> int:
        db.session.expire_all()
        with count_queries() as statements:
            response = client.post("/api/v1/checks", json={"numbers": batch}, headers=_headers(token))
        assert response.status_code == 201 and len(response.json["items"]) == len(batch)
        return len(statements)

    client.get("/api/v1/watchlist", headers=_headers(token))  # the key's last use is recorded once a minute
    assert queries(numbers * 20 + ["bad", "SM-000001-X"]) == queries(numbers[:2] + ["bad", "SM-000001-X"])
