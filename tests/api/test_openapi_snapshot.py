"""The OpenAPI document: 3.1, complete, and unchanged unless someone means to change the contract.

The committed snapshot is ``tests/api/openapi-snapshot.json``. After a deliberate change to the
API, regenerate it and review the diff before committing:

    UPDATE_OPENAPI_SNAPSHOT=1 .venv/bin/pytest tests/api/test_openapi_snapshot.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).with_name("openapi-snapshot.json")
PUBLIC_PATHS = {
    "/api/v1/mediators",
    "/api/v1/mediators/{registration_number}",
    "/api/v1/mediators/{registration_number}/status",
    "/api/v1/mediators/{registration_number}/history",
    "/api/v1/changes",
    "/api/v1/exports/register.csv",
    "/api/v1/standards",
    "/api/v1/standards/{family}/{version}",
    "/api/v1/bodies",
    "/api/v1/local-authorities",
    "/api/v1/local-authorities/{code}",
    "/api/v1/training-programmes",
    "/api/v1/training-programmes/{reference}",
    "/api/v1/mediators/{registration_number}/credential",
    "/api/v1/training-programmes/{reference}/credential",
    "/api/v1/status-lists/{purpose}",
    "/api/v1/verify",
}
KEYED_PATHS = {
    "/api/v1/checks",
    "/api/v1/checks/{check_id}",
    "/api/v1/checks/{check_id}/receipt",
    "/api/v1/watchlist",
    "/api/v1/watchlist/{registration_number}",
}


@pytest.fixture
def spec(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json


def test_the_spec_matches_the_committed_snapshot(spec: dict) -> None:
    rendered = json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_OPENAPI_SNAPSHOT") == "1":
        SNAPSHOT.write_text(rendered, encoding="utf-8")
        pytest.skip("snapshot rewritten: review the diff and commit it")
    assert SNAPSHOT.exists(), (
        "no snapshot: run UPDATE_OPENAPI_SNAPSHOT=1 .venv/bin/pytest tests/api/test_openapi_snapshot.py"
    )
    assert rendered == SNAPSHOT.read_text(encoding="utf-8"), (
        "The API contract changed. If that was meant, regenerate the snapshot with "
        "UPDATE_OPENAPI_SNAPSHOT=1 .venv/bin/pytest tests/api/test_openapi_snapshot.py and review the diff."
    )


def test_the_server_is_the_registers_public_address(app, spec: dict) -> None:
    assert spec["servers"] == [{"url": app.config["PUBLIC_BASE_URL"].rstrip("/"), "description": "This register"}]


def test_it_is_openapi_3_1_with_every_endpoint(spec: dict) -> None:
    assert spec["openapi"] == "3.1.0"
    assert set(spec["paths"]) == PUBLIC_PATHS | KEYED_PATHS


def test_keyed_operations_need_a_key_and_public_ones_do_not(spec: dict) -> None:
    assert spec["components"]["securitySchemes"]["apiKey"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "Your local authority's API key: `smr_…`.",
    }
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            keyed = operation.get("security") == [{"apiKey": []}]
            assert keyed == (path in KEYED_PATHS), (method, path)
            if keyed:
                assert "401" in operation["responses"], (method, path)


def test_every_operation_documents_its_problems_as_problem_json(spec: dict) -> None:
    problem = spec["components"]["schemas"]["Problem"]
    assert {"type", "title", "status"} <= set(problem["required"])
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            assert "429" in operation["responses"] and "default" in operation["responses"], (method, path)
            for status, response in operation["responses"].items():
                if status[0] in "45" or status == "default":
                    ref = response["$ref"].rsplit("/", 1)[-1]
                    content = spec["components"]["responses"][ref]["content"]
                    assert list(content) == ["application/problem+json"], (method, path, status)
    assert "Retry-After" in spec["components"]["responses"]["PROBLEM_429"]["headers"]
    assert "Allow" in spec["components"]["responses"]["PROBLEM_405"]["headers"]


def test_status_enumerations_and_examples_are_documented(spec: dict) -> None:
    schemas = spec["components"]["schemas"]
    assert schemas["Status"]["properties"]["status"]["enum"] == [
        "accredited",
        "accredited_with_conditions",
        "suspended",
        "lapsed",
        "withdrawn",
        "not_accredited",
    ]
    assert set(schemas["CheckItem"]["properties"]["outcome"]["enum"]) == {
        "accredited",
        "accredited_with_conditions",
        "suspended",
        "lapsed",
        "withdrawn",
        "not_accredited",
        "not_found",
        "invalid_number",
    }
    assert schemas["MediatorSummary"]["properties"]["registration_number"]["example"] == "SM-004217-2"
    request_body = spec["paths"]["/api/v1/checks"]["post"]["requestBody"]["content"]
    assert set(request_body) == {"application/json", "text/csv"}


def test_identifier_parameters_declare_their_shape(spec: dict) -> None:
    """A client generated from the spec can tell a malformed number, reference or LA code before sending."""
    parameters = [
        parameter
        for path in spec["paths"].values()
        for part in path.values()  # the path's own parameters, then each operation's
        for parameter in (part if isinstance(part, list) else part.get("parameters", []))
    ]
    declared = {
        parameter["name"]: parameter["schema"].get("pattern")
        for parameter in parameters
        if parameter["name"] in ("registration_number", "reference", "local_authority")
    }
    assert set(declared) == {"registration_number", "reference", "local_authority"} and all(declared.values())
    assert re.fullmatch(declared["registration_number"], "sm-004217-2")
    assert not re.fullmatch(declared["registration_number"], "0")
    assert re.fullmatch(declared["reference"], "TP000001X") and not re.fullmatch(declared["reference"], "SM-000001-X")
    assert re.fullmatch(declared["local_authority"], "E08000039") and re.fullmatch(declared["local_authority"], "373")


def test_every_operation_declares_the_answers_and_headers_every_operation_gives(spec: dict) -> None:
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            answers = operation["responses"]
            assert {"429", "503"} <= set(answers), (method, path)
            success = [answer for code, answer in answers.items() if code.startswith("2")]
            assert success and all("X-Request-ID" in answer["headers"] for answer in success), (method, path)
            assert all("RateLimit-Remaining" in answer["headers"] for answer in success), (method, path)
            if method == "get":
                assert "ETag" in answers["200"]["headers"] and "ETag" in answers["304"]["headers"], path
                names = {p["name"] for p in operation.get("parameters", [])}
                assert ("Link" in answers["200"]["headers"]) == ("page" in names), path
    assert "Retry-After" in spec["components"]["responses"]["PROBLEM_503"]["headers"]


def test_links_lead_to_operations_that_exist(spec: dict) -> None:
    operations = {
        operation["operationId"]
        for item in spec["paths"].values()
        for method, operation in item.items()
        if method != "parameters"
    }
    links = [
        link
        for item in spec["paths"].values()
        for method, operation in item.items()
        if method != "parameters"
        for answer in operation["responses"].values()
        for link in answer.get("links", {}).values()
    ]
    assert len(links) >= 5 and all(link["operationId"] in operations for link in links)
    assert len(operations) == sum(len([m for m in item if m != "parameters"]) for item in spec["paths"].values())


def test_vocabulary_coded_filters_declare_their_codes(spec: dict) -> None:
    search = spec["paths"]["/api/v1/mediators"]["get"]["parameters"]
    enums = {p["name"]: p["schema"].get("enum") for p in search}
    assert "bfi" in enums["language"] and "autism" in enums["specialism"] and enums["format"]
