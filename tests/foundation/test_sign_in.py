"""Sign-in, sign-out, CSRF, cookies and password storage."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from registry.auth.login import hash_password, password_matches
from registry.extensions import db
from registry.models import User
from tests.conftest import csrf_token_from
from tests.fixtures.factories import TEST_PASSWORD


def _post_sign_in(client: FlaskClient, email: str, password: str):
    token = csrf_token_from(client.get("/sign-in").text)
    return client.post("/sign-in", data={"email": email, "password": password, "csrf_token": token})


def test_sign_in_leads_to_the_workspace(client: FlaskClient, factories) -> None:
    user = factories.person_with_role("la_officer")  # a role with no second factor required
    response = _post_sign_in(client, user.email.upper(), TEST_PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/workspace"
    db.session.refresh(user)
    assert user.last_signed_in_at is not None


def test_wrong_password_and_unknown_email_get_the_same_message(client: FlaskClient, factories) -> None:
    user = factories.person_with_role("registrar")
    wrong_password = _post_sign_in(client, user.email, "not the password")
    unknown_email = _post_sign_in(client, "nobody@example.test", TEST_PASSWORD)
    for response in (wrong_password, unknown_email):
        assert response.status_code == 200
        assert "Enter a correct email address and password" in response.text
        assert "govuk-error-summary" in response.text
    assert "not registered" not in unknown_email.text.lower()


def test_sign_in_does_not_redirect_off_site(client: FlaskClient, factories) -> None:
    user = factories.person_with_role("la_officer")
    token = csrf_token_from(client.get("/sign-in").text)
    response = client.post(
        "/sign-in?next=//evil.example/x", data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": token}
    )
    assert response.headers["Location"] == "/workspace"


def test_a_post_without_a_csrf_token_is_refused(client: FlaskClient, factories) -> None:
    user = factories.person_with_role("registrar")
    response = client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert "/workspace" not in response.headers.get("Location", "")
    assert client.get("/workspace/registrar").status_code == 302  # still signed out


def test_sign_out_needs_a_post_with_a_token(client_as) -> None:
    c = client_as("registrar")
    assert c.get("/sign-out").status_code == 200  # a confirmation page, still signed in
    assert c.get("/workspace/registrar").status_code == 200
    assert c.post("/sign-out").status_code == 400
    token = csrf_token_from(c.get("/sign-out").text)
    assert c.post("/sign-out", data={"csrf_token": token}).status_code == 302
    assert c.get("/workspace/registrar").status_code == 302


def test_session_cookie_is_http_only_and_same_site_lax(client: FlaskClient, factories) -> None:
    user = factories.person_with_role("la_officer")
    response = _post_sign_in(client, user.email, TEST_PASSWORD)
    cookie = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_passwords_are_stored_as_argon2id_hashes(factories) -> None:
    user = factories.person_with_role("admin")
    stored = db.session.scalar(select(User.password_hash).where(User.id == user.id))
    assert stored.startswith("$argon2id$")
    assert TEST_PASSWORD not in stored
    assert password_matches(user, TEST_PASSWORD)
    assert not password_matches(user, TEST_PASSWORD + "x")
    assert not password_matches(None, TEST_PASSWORD)
    assert hash_password("same") != hash_password("same")  # salted


def test_inactive_people_cannot_sign_in(client: FlaskClient, factories, app: Flask) -> None:
    user = factories.person_with_role("admin", active=False)
    response = _post_sign_in(client, user.email, TEST_PASSWORD)
    assert response.status_code == 200 and "Enter a correct email address and password" in response.text
