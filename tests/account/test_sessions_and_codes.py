"""Sign-in with a second factor, sessions that end, throttling, and the person's own account page."""

from __future__ import annotations

import re
from datetime import timedelta

import pyotp
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from registry.extensions import db
from registry.models import AuditEvent, RecoveryCode, SignInAttempt, User, UserSession
from tests.conftest import csrf_token_from
from tests.fixtures.clients import sign_in
from tests.fixtures.factories import TEST_PASSWORD
from tests.fixtures.totp import TEST_TOTP_SECRET, next_code_for

NEW_PASSWORD = "a new and much longer passphrase"


def _post(client: FlaskClient, path: str, data: dict[str, str], form_page: str | None = None):
    token = csrf_token_from(client.get(form_page or path).text)
    return client.post(path, data={**data, "csrf_token": token})


def _password_step(client: FlaskClient, email: str, password: str = TEST_PASSWORD):
    return _post(client, "/sign-in", {"email": email, "password": password})


def _outcomes(user: User) -> list[str]:
    return list(
        db.session.scalars(
            select(SignInAttempt.outcome).where(SignInAttempt.user_id == user.id).order_by(SignInAttempt.id)
        )
    )


def _copy_session_cookie(source: FlaskClient, target: FlaskClient) -> None:
    cookie = source.get_cookie("session")
    assert cookie is not None
    target.set_cookie("session", cookie.value)


def test_staff_need_a_code_after_the_password(client: FlaskClient, factories) -> None:
    registrar = factories.person_with_role("registrar")
    response = _password_step(client, registrar.email)
    assert response.headers["Location"] == "/sign-in/code"
    assert client.get("/workspace/registrar").status_code == 302  # not signed in yet

    wrong = _post(client, "/sign-in/code", {"code": "000000"})
    assert wrong.status_code == 200 and "Enter the 6-digit code from your authenticator app" in wrong.text
    assert "govuk-error-summary" in wrong.text

    right = _post(client, "/sign-in/code", {"code": next_code_for(registrar.email)})
    assert right.status_code == 302 and right.headers["Location"] == "/workspace"
    assert client.get("/workspace/registrar").status_code == 200
    assert _outcomes(registrar) == ["wrong_code", "signed_in"]


def test_a_code_cannot_be_used_twice(app: Flask, factories) -> None:
    registrar = factories.person_with_role("registrar")
    first, second = app.test_client(), app.test_client()
    code = next_code_for(registrar.email)
    _password_step(first, registrar.email)
    assert _post(first, "/sign-in/code", {"code": code}).status_code == 302
    _password_step(second, registrar.email)
    replay = _post(second, "/sign-in/code", {"code": code})
    assert replay.status_code == 200 and second.get("/workspace/registrar").status_code == 302


def test_the_code_step_needs_the_password_step_first(client: FlaskClient, factories) -> None:
    registrar = factories.person_with_role("registrar")
    assert client.get("/sign-in/code").headers["Location"] == "/sign-in"
    token = csrf_token_from(client.get("/sign-in").text)
    response = client.post("/sign-in/code", data={"code": next_code_for(registrar.email), "csrf_token": token})
    assert response.headers["Location"] == "/sign-in"
    assert client.get("/workspace/registrar").status_code == 302


def test_staff_without_a_second_factor_set_one_up_before_they_get_in(
    app: Flask, client: FlaskClient, factories
) -> None:
    admin = factories.person_with_role("admin", totp_secret=None)
    assert _password_step(client, admin.email).headers["Location"] == "/sign-in/set-up-code"
    page = client.get("/sign-in/set-up-code")
    assert page.status_code == 200 and "<svg" in page.text and page.headers["Cache-Control"] == "no-store"
    assert client.get("/workspace/admin").status_code == 302
    secret = page.text.split('id="totp-secret">')[1].split("<")[0]

    wrong = _post(client, "/sign-in/set-up-code", {"code": "123456"}, form_page="/sign-in/set-up-code")
    assert "The code does not match" in wrong.text
    done = _post(client, "/sign-in/set-up-code", {"code": pyotp.TOTP(secret).now()}, form_page="/sign-in/set-up-code")
    assert done.status_code == 200 and "Your recovery codes" in done.text
    codes = re.findall(r"<li><code>([0-9a-f-]+)</code></li>", done.text)
    assert len(codes) == 10
    assert client.get("/workspace/admin").status_code == 200

    db.session.expire_all()
    assert db.session.get(User, admin.id).totp_secret == secret
    stored = db.session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == admin.id)).all()
    assert len(stored) == 10 and not set(codes) & set(stored)  # hashed

    # A recovery code signs in once, instead of the app's code.
    again = app.test_client()
    _password_step(again, admin.email)
    assert _post(again, "/sign-in/code", {"code": codes[0].upper()}).status_code == 302
    once_more = app.test_client()
    _password_step(once_more, admin.email)
    assert _post(once_more, "/sign-in/code", {"code": codes[0]}).status_code == 200


def test_a_copied_session_cookie_stops_working_at_sign_out(app: Flask, factories) -> None:
    registrar = factories.person_with_role("registrar")
    owner, thief = app.test_client(), app.test_client()
    sign_in(owner, registrar)
    _copy_session_cookie(owner, thief)
    assert thief.get("/workspace/registrar").status_code == 200

    _post(owner, "/sign-out", {})
    assert owner.get("/workspace/registrar").status_code == 302
    assert thief.get("/workspace/registrar").status_code == 302


def _age_sessions(user: User, **ago: timedelta) -> None:
    for row in db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)):
        for column, delta in ago.items():
            setattr(row, column, getattr(row, column) - delta)
    db.session.flush()


def test_staff_sessions_end_after_30_idle_minutes_others_after_two_hours(app: Flask, factories) -> None:
    registrar, officer = factories.person_with_role("registrar"), factories.person_with_role("la_officer")
    staff, la = app.test_client(), app.test_client()
    sign_in(staff, registrar)
    sign_in(la, officer)
    _age_sessions(registrar, last_seen_at=timedelta(minutes=31))
    _age_sessions(officer, last_seen_at=timedelta(minutes=31))
    assert staff.get("/workspace/registrar").status_code == 302
    assert la.get("/workspace/local-authority").status_code == 200
    _age_sessions(officer, last_seen_at=timedelta(minutes=121))
    assert la.get("/workspace/local-authority").status_code == 302
    reasons = db.session.scalars(select(UserSession.ended_reason).where(UserSession.user_id == registrar.id)).all()
    assert reasons == ["idle"]


def test_every_session_ends_after_twelve_hours_however_busy(client: FlaskClient, factories) -> None:
    officer = factories.person_with_role("la_officer")
    sign_in(client, officer)
    _age_sessions(officer, created_at=timedelta(hours=12, minutes=1))
    assert client.get("/workspace/local-authority").status_code == 302


def test_twelve_wrong_passwords_throttle_the_account_and_are_recorded(app: Flask, factories) -> None:
    officer = factories.person_with_role("la_officer")
    client = app.test_client()
    for _ in range(12):
        response = _password_step(client, officer.email, "a wrong password entirely")
    assert "Too many attempts. Try again in 15 minutes" in response.text
    assert "govuk-error-summary" in response.text
    # While throttled, even the right password is not tried.
    right = _password_step(client, officer.email)
    assert right.status_code == 200 and "Too many attempts" in right.text
    outcomes = _outcomes(officer)
    assert outcomes.count("wrong_password") == 10 and outcomes.count("throttled") == 3

    # The throttle is over once the failures are older than the window.
    for attempt in db.session.scalars(select(SignInAttempt).where(SignInAttempt.user_id == officer.id)):
        attempt.occurred_at -= timedelta(minutes=16)
    db.session.flush()
    assert _password_step(client, officer.email).status_code == 302


def test_failures_from_elsewhere_do_not_lock_a_person_out_where_they_work(app: Flask, factories) -> None:
    officer = factories.person_with_role("la_officer")
    sign_in(app.test_client(), officer)  # from the test client's address, 127.0.0.1
    for _ in range(12):
        db.session.add(SignInAttempt(email=officer.email, user_id=officer.id, address="203.0.113.9",
                                     outcome="wrong_password"))  # fmt: skip
    db.session.flush()
    assert _password_step(app.test_client(), officer.email).status_code == 302


def test_many_failures_from_one_address_throttle_every_account_from_it(app: Flask, factories) -> None:
    client = app.test_client()
    for n in range(30):
        _password_step(client, f"nobody{n}@example.test", "wrong password here")
    response = _password_step(client, factories.person_with_role("la_officer").email)
    assert "Too many attempts" in response.text


def test_changing_the_password_ends_the_other_sessions(app: Flask, factories) -> None:
    officer = factories.person_with_role("la_officer")
    here, elsewhere = app.test_client(), app.test_client()
    sign_in(here, officer)
    sign_in(elsewhere, officer)

    wrong_current = _post(here, "/account/password", {"current_password": "nope", "new_password": NEW_PASSWORD,
                                                       "confirm_password": NEW_PASSWORD})  # fmt: skip
    assert "Your current password is not right" in wrong_current.text
    for weak, message in (("short", "at least 12 characters"), ("1qaz2wsx3edc", "too common")):  # fmt: skip
        response = _post(here, "/account/password", {"current_password": TEST_PASSWORD, "new_password": weak,
                                                      "confirm_password": weak})  # fmt: skip
        assert message in response.text and response.status_code == 200
    db.session.expire_all()
    changed = _post(here, "/account/password", {"current_password": TEST_PASSWORD, "new_password": NEW_PASSWORD,
                                                 "confirm_password": NEW_PASSWORD})  # fmt: skip
    assert changed.status_code == 302
    assert here.get("/account").status_code == 200
    assert elsewhere.get("/account").status_code == 302
    assert _password_step(app.test_client(), officer.email).status_code == 200  # the old password
    assert _password_step(app.test_client(), officer.email, NEW_PASSWORD).status_code == 302
    assert db.session.scalar(
        select(AuditEvent.id).where(
            AuditEvent.action == "user.password_changed", AuditEvent.subject_id == str(officer.id)
        )
    )


def test_sign_out_everywhere(app: Flask, factories) -> None:
    officer = factories.person_with_role("la_officer")
    here, elsewhere = app.test_client(), app.test_client()
    sign_in(here, officer)
    sign_in(elsewhere, officer)
    assert _post(here, "/account/sign-out-everywhere", {}, form_page="/account").headers["Location"] == "/sign-in"
    assert here.get("/account").status_code == 302 and elsewhere.get("/account").status_code == 302


def test_a_deactivated_persons_open_session_ends_on_the_next_request(client: FlaskClient, factories) -> None:
    officer = factories.person_with_role("la_officer")
    sign_in(client, officer)
    officer.active = False
    db.session.flush()
    assert client.get("/account").status_code == 302


def test_the_account_page_shows_who_and_how_the_person_signs_in(client: FlaskClient, factories) -> None:
    registrar = factories.person_with_role("registrar", name="Robin Example")
    _password_step(FlaskClient(client.application, client.response_wrapper), registrar.email, "wrong password!!")
    sign_in(client, registrar)
    page = client.get("/account")
    assert page.status_code == 200
    for text in ("Robin Example", registrar.email, "Registrar", "On: a code from your authenticator app",
                 "recovery codes left", "Wrong email or password", "Signed in", "This device"):  # fmt: skip
        assert text in page.text, text
    # Staff cannot turn off a second factor their role requires.
    assert "Turn off the second factor" not in page.text
    _post(client, "/account/second-factor/remove", {}, form_page="/account")
    db.session.expire_all()
    assert db.session.get(User, registrar.id).totp_secret == TEST_TOTP_SECRET


def test_others_may_turn_a_second_factor_on_and_off(client: FlaskClient, factories) -> None:
    officer = factories.person_with_role("la_officer")
    sign_in(client, officer)
    page = client.get("/account/second-factor")
    secret = page.text.split('id="totp-secret">')[1].split("<")[0]
    done = _post(client, "/account/second-factor", {"code": pyotp.TOTP(secret).now()})
    assert "Your recovery codes" in done.text
    assert "Turn off the second factor" in client.get("/account").text
    _post(client, "/account/second-factor/remove", {}, form_page="/account")
    db.session.expire_all()
    assert db.session.get(User, officer.id).totp_secret is None


def test_an_admin_removes_a_lost_second_factor_and_the_person_sets_up_a_new_one(
    app: Flask, client_as, factories
) -> None:
    registrar = factories.person_with_role("registrar")
    theirs = app.test_client()
    sign_in(theirs, registrar)
    admin = client_as("admin")
    page = f"/workspace/admin/people/{registrar.id}"
    response = _post(admin, f"{page}/second-factor/remove", {}, form_page=page)
    assert response.status_code == 302
    assert theirs.get("/workspace/registrar").status_code == 302  # signed out everywhere
    db.session.expire_all()
    assert db.session.get(User, registrar.id).totp_secret is None
    assert _password_step(app.test_client(), registrar.email).headers["Location"] == "/sign-in/set-up-code"
    assert db.session.scalar(select(AuditEvent.actor_id).where(AuditEvent.action == "second_factor.removed")) == (
        admin.user.id
    )
    # Nobody else may do it.
    other = client_as("registrar")
    assert _post(other, f"{page}/second-factor/remove", {}, form_page="/account").status_code == 403
