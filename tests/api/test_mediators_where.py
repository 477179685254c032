"""``GET /api/v1/mediators?where=…``: a resolved place is searched as its LA and reported in ``where``;
one the register cannot settle on is a 422 problem naming ``where`` with the choices."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

LEEDS = "E08000035"
SHEFFIELD = "E08000039"


def test_where_is_searched_as_its_la_and_reported(client, registered) -> None:
    registered("Ada Wherever")  # serves Sheffield
    answer = client.get("/api/v1/mediators", query_string={"where": "s10 2tn", "q": "Wherever"}).get_json()
    assert [item["name"] for item in answer["items"]] == ["Ada Wherever"]
    assert answer["where"] == {
        "input": "s10 2tn",
        "understood_as": "postcode",
        "place": "S10 2TN",
        "local_authority": {"gss_code": SHEFFIELD, "name": "Sheffield"},
        "description": "Sheffield (S10 2TN)",
    }
    leeds = client.get("/api/v1/mediators", query_string={"where": "LS1 4DY", "q": "Wherever"}).get_json()
    assert leeds["items"] == [] and leeds["where"]["local_authority"]["name"] == "Leeds"
    assert client.get("/api/v1/mediators", query_string={"local_authority": LEEDS}).get_json()["where"] is None


def test_a_where_that_is_not_one_la_is_a_422_naming_where_with_the_choices(client) -> None:
    response = client.get("/api/v1/mediators", query_string={"where": "Richmond"})
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"].endswith("/where-ambiguous")
    assert problem["errors"][0]["pointer"] == "#/where"
    north_yorkshire = {"label": "Richmond, North Yorkshire", "gss_code": "E06000065", "name": "North Yorkshire"}
    assert north_yorkshire in problem["choices"]
    welsh = client.get("/api/v1/mediators", query_string={"where": "CF10 3NQ"}).get_json()
    assert welsh["type"].endswith("/where-outside-england") and "England only" in welsh["detail"]
    both = client.get("/api/v1/mediators", query_string={"where": "Leeds", "local_authority": LEEDS})
    assert both.status_code == 422 and both.get_json()["errors"][0]["pointer"] == "#/where"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=120))
def test_no_where_makes_the_api_fail(client, text: str) -> None:
    response = client.get("/api/v1/mediators", query_string={"where": text})
    assert response.status_code in (200, 422), (text, response.status_code)
