"""Observability: one JSON line per request with its request id, nothing secret in the log, errors
logged with their traceback but never shown, and /metrics off by default and guarded by a token."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from prometheus_client.parser import text_string_to_metric_families

from registry import create_app
from registry.auth.access import public
from registry.domain import api_keys
from registry.domain.accounts import links
from registry.observability import metrics
from registry.observability.logs import JsonFormatter
from registry.observability.request_log import signed_in_user_id
from tests.account_links.conftest import NEW_PASSWORD, choose_password
from tests.conftest import config_for_tests
from tests.fixtures.clients import sign_in
from tests.fixtures.factories import TEST_PASSWORD

LINE_FIELDS = {
    "time", "level", "logger", "message", "request_id", "method", "route", "status", "duration_ms", "user_id",
    "remote_addr",
}  # fmt: skip
TOKEN = "metrics-token-for-tests-only-0123456789"


@pytest.fixture
def logged(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO)
    return caplog


def as_json(records: list[logging.LogRecord]) -> list[dict[str, object]]:
    """Each record as the production handler writes it: one JSON object a line."""
    formatter = JsonFormatter()
    lines = [formatter.format(record) for record in records]
    assert all("\n" not in line for line in lines)
    return [json.loads(line) for line in lines]


def request_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, object]]:
    return as_json([record for record in caplog.records if record.name == "registry.requests"])


def test_a_request_writes_one_json_line_to_stderr(client: FlaskClient, capsys: pytest.CaptureFixture[str]) -> None:
    response = client.get("/healthz")
    written = [json.loads(line) for line in capsys.readouterr().err.splitlines() if "registry.requests" in line]
    assert len(written) == 1
    line = written[0]
    assert set(line) == LINE_FIELDS
    assert line["level"] == "INFO" and line["logger"] == "registry.requests"
    assert (line["method"], line["route"], line["status"]) == ("GET", "/healthz", 200)
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["user_id"] is None and line["remote_addr"] == "127.0.0.1"
    written_at = datetime.fromisoformat(str(line["time"]).replace("Z", "+00:00"))
    assert str(line["time"]).endswith("Z") and abs((datetime.now(UTC) - written_at).total_seconds()) < 60


def test_the_line_names_the_route_never_the_path(client: FlaskClient, logged: pytest.LogCaptureFixture) -> None:
    client.get("/mediators/SM-004217-2")
    client.get("/no-such-page/SM-004217-2")
    first, second = request_lines(logged)
    assert first["route"] == "/mediators/<registration_number>" and first["status"] == 404
    assert second["route"] is None and second["status"] == 404
    assert "SM-004217" not in logged.text


def test_a_sane_request_id_is_kept_and_passed_on(client: FlaskClient, logged: pytest.LogCaptureFixture) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.2_Z"})
    assert response.headers["X-Request-ID"] == "lb-7f3a.2_Z"
    assert request_lines(logged)[0]["request_id"] == "lb-7f3a.2_Z"


@pytest.mark.parametrize("given", ['"><script>x', "two words", "a" * 65, "é-accent", ""])
def test_any_other_request_id_is_replaced(client: FlaskClient, logged: pytest.LogCaptureFixture, given: str) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": given})
    made = response.headers["X-Request-ID"]
    assert made != given and len(made) == 32 and int(made, 16) >= 0
    assert request_lines(logged)[0]["request_id"] == made
    if given:
        assert given not in logged.text


def test_a_request_context_that_serves_nothing_writes_no_line(app: Flask, logged: pytest.LogCaptureFixture) -> None:
    with app.test_request_context("/healthz"):
        pass
    assert request_lines(logged) == []


def test_each_request_gets_its_own_id(client: FlaskClient) -> None:
    ids = {client.get("/healthz").headers["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3


def test_a_signed_in_request_names_the_person(client_as, logged: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    mediator = client_as("mediator")
    logged.clear()
    mediator.get("/workspace/mediator")
    line = request_lines(logged)[0]
    assert line["status"] == 200 and line["user_id"] == mediator.user.id


def test_the_person_is_never_loaded_for_the_line(app: Flask, factories, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def refuse(user_id: str) -> None:
        raise AssertionError("the log line loaded the signed-in person")

    monkeypatch.setattr(app.login_manager, "_user_callback", refuse)  # type: ignore[attr-defined]
    with app.test_request_context("/", headers={"Cookie": "session=anything"}):
        assert signed_in_user_id() is None  # nobody loaded during the request: nobody named
        g._login_user = factories.person_with_role("mediator")
        assert signed_in_user_id() == g._login_user.id
        g.database_unavailable = True
        assert signed_in_user_id() is None  # nothing about the person while the database is away


def test_no_password_key_token_cookie_or_query_reaches_the_log(
    client: FlaskClient, factories, logged: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    person = factories.person_with_role("mediator", email="private.person@example.org")
    sign_in(client, person)  # the email and password in a form body
    session_cookie = client.get_cookie("session")
    assert session_cookie is not None
    client.get("/mediators?q=Confidential+Search+Words&local_authority=E08000039")
    officer = factories.person_with_role("la_officer")
    key = api_keys.create_key(officer.roles[0].organisation, officer, "Case system")
    client.get("/api/v1/watchlist", headers={"Authorization": f"Bearer {key.token}"})
    client.get("/api/v1/watchlist", headers={"Authorization": "Bearer smr_not_a_real_key_at_all"})
    invited = factories.person_with_role("trainer")
    link_token = links.issue_link(invited, "invitation", None)
    invitation = links.path_for(link_token, "invitation")
    assert choose_password(client.application.test_client(), invitation).status_code == 302  # a password in a body

    written = json.dumps(as_json(logged.records))
    secrets = [
        TEST_PASSWORD, NEW_PASSWORD, "private.person@example.org", key.token, key.token[4:], "smr_", link_token,
        session_cookie.value, "Confidential", "E08000039", "Bearer", "Cookie",
    ]  # fmt: skip
    assert [secret for secret in secrets if secret in written] == []
    routes = [line["route"] for line in request_lines(logged)]
    assert "/account/invitation/<token>" in routes and "/api/v1/watchlist" in routes and "/mediators" in routes


@pytest.fixture
def failing_app(database_url: str, tmp_path) -> Flask:  # type: ignore[no-untyped-def]
    app = create_app(config_for_tests(tmp_path, database_url))
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the 500 page, not the exception

    @app.get("/broken/<word>")
    @public
    def broken(word: str) -> str:
        raise RuntimeError("the traceback's own words")

    @app.get("/api/broken")
    @public
    def broken_api() -> str:
        raise RuntimeError("the traceback's own words")

    return app


def test_an_error_is_logged_with_its_traceback_and_request_id_but_never_shown(
    failing_app: Flask, logged: pytest.LogCaptureFixture
) -> None:
    response = failing_app.test_client().get("/broken/a-secret-token?q=search-words")
    request_id = response.headers["X-Request-ID"]
    assert response.status_code == 500 and response.mimetype == "text/html"
    assert "the traceback's own words" not in response.text and "Traceback" not in response.text
    assert f"quote the reference <strong class=\"govuk-!-font-weight-bold\">{request_id}</strong>" in response.text

    error, line = as_json([r for r in logged.records if r.name in ("registry", "registry.requests")])
    assert error["level"] == "ERROR" and error["request_id"] == request_id
    assert error["message"] == "Unhandled exception in GET /broken/<word>"
    assert "RuntimeError: the traceback's own words" in str(error["exception"])
    assert line["status"] == 500 and line["request_id"] == request_id and line["route"] == "/broken/<word>"
    assert "a-secret-token" not in logged.text and "search-words" not in logged.text


def test_an_api_error_is_a_problem_without_the_traceback(failing_app: Flask, logged: pytest.LogCaptureFixture) -> None:
    response = failing_app.test_client().get("/api/broken")
    assert response.status_code == 500 and response.mimetype == "application/problem+json"
    assert "traceback" not in response.text.lower() and "own words" not in response.text
    assert response.headers["X-Request-ID"] in {r.request_id for r in logged.records}  # type: ignore[attr-defined]


def counted(client: FlaskClient, route: str, status: str = "2xx", method: str = "GET") -> float:
    text = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).text
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "register_http_requests_total" and sample.labels == {
                "method": method, "route": route, "status": status
            }:  # fmt: skip
                return sample.value
    return 0.0


@pytest.fixture
def metrics_on(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "METRICS_ENABLED", True)
    monkeypatch.setitem(app.config, "METRICS_TOKEN", TOKEN)


def test_metrics_are_off_by_default(app: Flask, client: FlaskClient) -> None:
    assert app.config["METRICS_ENABLED"] is False
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 404


def test_metrics_without_a_token_set_stay_off(app: Flask, client: FlaskClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(app.config, "METRICS_ENABLED", True)
    assert client.get("/metrics").status_code == 404


@pytest.mark.usefixtures("metrics_on")
@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x"])
def test_metrics_need_the_token(client: FlaskClient, authorization: str | None) -> None:
    response = client.get("/metrics", headers={"Authorization": authorization} if authorization else {})
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "register_http" not in response.text


@pytest.mark.usefixtures("metrics_on")
def test_metrics_count_requests_by_route_method_and_status_class(client: FlaskClient) -> None:
    healthy, missing = counted(client, "/healthz"), counted(client, "unmatched", "4xx")
    for _ in range(3):
        client.get("/healthz")
    client.get("/no-such-page/SM-004217-2?q=private")
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert "register_http_request_duration_seconds_bucket" in response.text
    assert "SM-004217" not in response.text and "private" not in response.text
    assert counted(client, "/healthz") == healthy + 3
    assert counted(client, "unmatched", "4xx") == missing + 1


def test_make_serve_refuses_unguarded_or_per_worker_metrics(tmp_path) -> None:  # type: ignore[no-untyped-def]
    on = {"METRICS_ENABLED": True, "METRICS_TOKEN": "x" * 40}
    assert metrics.production_problems({**on, "METRICS_ENABLED": False}, 4, {}) == []
    assert metrics.production_problems(on, 1, {}) == []
    assert metrics.production_problems(on, 4, {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}) == []
    [short] = metrics.production_problems({**on, "METRICS_TOKEN": "short"}, 1, {})
    assert "METRICS_TOKEN" in short
    [per_worker] = metrics.production_problems(on, 4, {})
    assert "PROMETHEUS_MULTIPROC_DIR" in per_worker
    [missing] = metrics.production_problems(on, 4, {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "absent")})
    assert "not a directory" in missing
