"""Errors: HTML pages for people, RFC 9457 problem documents under /api/."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_unknown_api_path_is_a_problem_document(client: FlaskClient) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 404 and body["title"] == "Not Found" and body["type"].startswith("https://")


def test_unknown_page_is_an_html_page(client: FlaskClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "<h1" in response.text


def test_wrong_method_on_a_page_says_which_are_allowed(client: FlaskClient) -> None:
    response = client.delete("/sign-in")
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


def test_a_database_failure_still_gets_the_500_page(database_url: str, tmp_path) -> None:
    from sqlalchemy import text

    from registry import create_app
    from registry.auth.access import public
    from registry.extensions import db

    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database_url, "UPLOAD_PATH": tmp_path})
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/broken")
    @public
    def broken():  # type: ignore[no-untyped-def]
        db.session.execute(text("SELECT * FROM no_such_table"))

    with app.app_context():
        response = app.test_client().get("/broken")
        db.engine.dispose()
    assert response.status_code == 500
    assert "<h1" in response.text and "SEND Mediation Register" in response.text
