"""Looking after people and organisations: a person's page (roles, status, second factor, recent
sign-in attempts), deactivating and reactivating them (which ends their sessions), giving and
taking away roles, renaming organisations, and the list of every sign-in attempt.

Every change is audited; only admins get in; refused or malformed requests change nothing.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from registry.domain.accounts import attempts, links
from registry.domain.paging import PAGE_SIZE
from registry.extensions import db
from registry.models import AuditEvent, Mediator, RoleAssignment, SignInAttempt, User
from registry.models.base import utcnow
from tests.conftest import csrf_token_from
from tests.fixtures.clients import sign_in
from tests.test_pages_basics import assert_page_basics


def _count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def _audited(action: str, subject_id: object) -> int:
    query = select(func.count()).where(AuditEvent.action == action, AuditEvent.subject_id == str(subject_id))
    return db.session.scalar(query) or 0


def _post(client, page: str, path: str, **answers: str):  # type: ignore[no-untyped-def]
    token = csrf_token_from(client.get(page).text)
    return client.post(path, data={"csrf_token": token, **answers})


def _page_of(person: User) -> str:
    return f"/workspace/admin/people/{person.id}"


def test_a_persons_page_shows_roles_status_second_factor_and_recent_sign_ins(client_as, factories) -> None:
    registrar = factories.person_with_role("registrar")
    attempts.record_attempt(registrar.email, registrar, "203.0.113.9", "wrong_password")
    attempts.record_attempt(registrar.email, registrar, "203.0.113.9", "signed_in")
    db.session.commit()
    page = client_as("admin").get(_page_of(registrar))
    assert page.status_code == 200
    assert_page_basics(page.text)
    assert registrar.name in page.text and registrar.email in page.text
    assert "Registrar of an accrediting body" in page.text and registrar.roles[0].organisation.name in page.text
    assert "Active" in page.text and "Set up on" in page.text
    recent = page.text.split('id="recent-attempts"')[1]
    assert "203.0.113.9" in recent and recent.index("Signed in") < recent.index("Wrong email or password")
    trainer = factories.person_with_role("trainer", password_hash=links.unusable_password_hash())
    links.issue_link(trainer, "invitation", None)
    db.session.commit()
    invited = client_as("admin").get(_page_of(trainer)).text
    assert "Not set up" in invited and "Not chosen yet: their invitation works until" in invited
    assert "They have not tried to sign in yet" in invited and "Send a new invitation" in invited


def test_deactivating_ends_every_session_and_stops_sign_in_until_reactivated(app, client_as, factories) -> None:
    trainer = factories.person_with_role("trainer")
    signed_in = app.test_client()
    sign_in(signed_in, trainer)
    assert signed_in.get("/workspace/trainer").status_code == 200
    admin = client_as("admin")
    done = _post(admin, _page_of(trainer), f"{_page_of(trainer)}/deactivate")
    assert done.status_code == 302 and done.headers["Location"] == _page_of(trainer)
    page = admin.get(done.headers["Location"]).text
    assert "can no longer sign in, and has been signed out everywhere" in page and "Deactivated" in page
    db.session.refresh(trainer)
    assert not trainer.active
    assert signed_in.get("/workspace/trainer").status_code == 302  # the session ended at once
    again = app.test_client()
    token = csrf_token_from(again.get("/sign-in").text)
    refused = again.post(
        "/sign-in", data={"email": trainer.email, "password": "correct horse battery staple", "csrf_token": token}
    )
    assert refused.status_code == 200 and "Enter a correct email address and password" in refused.text
    assert _audited("user.deactivated", trainer.id) == 1

    back = _post(admin, _page_of(trainer), f"{_page_of(trainer)}/reactivate")
    assert back.status_code == 302 and "can sign in again" in admin.get(back.headers["Location"]).text
    db.session.refresh(trainer)
    assert trainer.active and _audited("user.reactivated", trainer.id) == 1
    sign_in(app.test_client(), trainer)


def test_deactivating_stops_an_open_invitation(client, client_as, factories) -> None:
    trainer = factories.person_with_role("trainer", password_hash=links.unusable_password_hash())
    token = links.issue_link(trainer, "invitation", None)
    db.session.commit()
    admin = client_as("admin")
    _post(admin, _page_of(trainer), f"{_page_of(trainer)}/deactivate")
    assert client.get(f"/account/invitation/{token}").status_code == 404
    _post(admin, _page_of(trainer), f"{_page_of(trainer)}/reactivate")
    assert client.get(f"/account/invitation/{token}").status_code == 404  # reactivating does not revive it
    refused = _post(admin, _page_of(trainer), f"{_page_of(trainer)}/deactivate")
    assert refused.status_code == 302
    resend = _post(admin, _page_of(trainer), f"{_page_of(trainer)}/invitation")
    assert "Reactivate it first" in resend.text and "There is a problem" in resend.text


def test_an_admin_cannot_deactivate_themselves(client_as) -> None:
    admin = client_as("admin")
    page = admin.get(_page_of(admin.user))
    assert "Deactivate" not in page.text
    audited = _count(AuditEvent)
    refused = _post(admin, _page_of(admin.user), f"{_page_of(admin.user)}/deactivate")
    assert refused.status_code == 200 and "You cannot deactivate your own account" in refused.text
    assert_page_basics(refused.text)
    db.session.refresh(admin.user)
    assert admin.user.active and _count(AuditEvent) == audited
    assert admin.get("/workspace/admin").status_code == 200  # still signed in


def test_an_admin_gives_a_role_for_an_organisation(client_as, factories) -> None:
    trainer = factories.person_with_role("trainer")
    body = factories.organisation(kind="accrediting_body", name="Coastal Mediation Body")
    admin = client_as("admin")
    done = _post(admin, _page_of(trainer), f"{_page_of(trainer)}/roles", role="registrar", organisation_id=str(body.id))
    assert done.status_code == 302
    db.session.refresh(trainer)
    assert ("registrar", body.id) in {(r.role, r.organisation_id) for r in trainer.roles}
    assert _audited("role.granted", trainer.id) == 1
    assert "Coastal Mediation Body" in admin.get(_page_of(trainer)).text
    twice = _post(
        admin, _page_of(trainer), f"{_page_of(trainer)}/roles", role="registrar", organisation_id=str(body.id)
    )
    assert "already has that role" in twice.text


def test_giving_the_mediator_role_makes_one_register_entry(client_as, factories) -> None:
    trainer = factories.person_with_role("trainer", name="Ada Byron")
    admin = client_as("admin")
    _post(admin, _page_of(trainer), f"{_page_of(trainer)}/roles", role="mediator")
    entry = db.session.scalars(select(Mediator).where(Mediator.user_id == trainer.id)).one()
    assert (entry.given_name, entry.family_name) == ("Ada", "Byron")
    db.session.refresh(trainer)
    assignment = next(r for r in trainer.roles if r.role == "mediator")
    _post(admin, _page_of(trainer), f"{_page_of(trainer)}/roles/{assignment.id}/remove")
    _post(admin, _page_of(trainer), f"{_page_of(trainer)}/roles", role="mediator")
    assert db.session.scalar(select(func.count()).where(Mediator.user_id == trainer.id)) == 1


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({}, "Select the person’s role"),
        ({"role": "wizard"}, "Not a valid choice"),
        ({"role": "registrar"}, "Select the accrediting body this person acts for"),
        ({"role": "admin", "organisation_id": "999999"}, "Not a valid choice"),
        ({"role": "la_officer", "organisation_id": "accrediting"}, "Select the local authority this person acts for"),
    ],
)
def test_bad_role_answers_are_explained_and_change_nothing(client_as, factories, answers, message) -> None:
    trainer = factories.person_with_role("trainer")
    body = factories.organisation(kind="accrediting_body")
    if answers.get("organisation_id") == "accrediting":
        answers = {**answers, "organisation_id": str(body.id)}
    admin = client_as("admin")
    before = (_count(RoleAssignment), _count(AuditEvent))
    page = _post(admin, _page_of(trainer), f"{_page_of(trainer)}/roles", **answers)
    assert page.status_code == 200 and "There is a problem" in page.text and message in page.text
    assert_page_basics(page.text)
    assert (_count(RoleAssignment), _count(AuditEvent)) == before


def test_an_admin_takes_a_role_away_but_not_the_last_one_nor_their_own_admin_role(client_as, factories) -> None:
    person = factories.person_with_role("trainer")
    extra = RoleAssignment(user=person, role="provider", organisation=factories.organisation(kind="mediation_provider"))
    db.session.add(extra)
    db.session.commit()
    admin = client_as("admin")
    done = _post(admin, _page_of(person), f"{_page_of(person)}/roles/{extra.id}/remove")
    assert done.status_code == 302 and "The role was taken away" in admin.get(_page_of(person)).text
    db.session.refresh(person)
    assert [r.role for r in person.roles] == ["trainer"] and _audited("role.revoked", person.id) == 1

    last = _post(admin, _page_of(person), f"{_page_of(person)}/roles/{person.roles[0].id}/remove")
    assert "only role" in last.text and "There is a problem" in last.text
    db.session.refresh(person)
    assert len(person.roles) == 1

    me = admin.user
    db.session.add(RoleAssignment(user=me, role="mediator"))
    db.session.commit()
    own = next(r for r in me.roles if r.role == "admin")
    refused = _post(admin, _page_of(me), f"{_page_of(me)}/roles/{own.id}/remove")
    assert "You cannot remove your own admin role" in refused.text
    db.session.refresh(me)
    assert "admin" in {r.role for r in me.roles} and _audited("role.revoked", me.id) == 0
    other = factories.person_with_role("admin")
    assert admin.get(f"{_page_of(me)}/roles/{other.roles[0].id}/remove").status_code == 405
    wrong_person = _post(admin, _page_of(me), f"{_page_of(me)}/roles/{other.roles[0].id}/remove")
    assert wrong_person.status_code == 404  # a role is removed only from the person who holds it


def test_an_admin_renames_an_organisation_keeping_its_short_name(client_as, factories) -> None:
    provider = factories.organisation(kind="training_provider", name="Old Name Training", slug="old-name-training")
    factories.organisation(kind="training_provider", name="Taken Training")
    admin = client_as("admin")
    path = f"/workspace/admin/organisations/{provider.id}"
    page = admin.get(path)
    assert page.status_code == 200 and 'value="Old Name Training"' in page.text
    assert_page_basics(page.text)
    assert f'href="{path}"' in admin.get("/workspace/admin/organisations").text
    done = _post(admin, path, path, name="  New   Name Training ")
    assert done.status_code == 302 and "is now called New Name Training" in admin.get(done.headers["Location"]).text
    db.session.refresh(provider)
    assert (provider.name, provider.slug) == ("New Name Training", "old-name-training")
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "organisation.renamed")).one()
    assert event.data == {"name": "New Name Training", "previous_name": "Old Name Training"}
    for name, message in [
        ("taken training", "There is already a training provider called"),
        ("   ", "Enter the organisation’s name"),
        ("x" * 201, "Enter 200 characters or fewer"),
    ]:
        refused = _post(admin, path, path, name=name)
        assert refused.status_code == 200 and message in refused.text, name
    db.session.refresh(provider)
    assert provider.name == "New Name Training" and _audited("organisation.renamed", provider.id) == 1


def test_a_local_authority_keeps_the_authoritys_name(client_as, factories) -> None:
    officer = factories.person_with_role("la_officer")
    la = officer.roles[0].organisation
    admin = client_as("admin")
    path = f"/workspace/admin/organisations/{la.id}"
    assert "cannot be renamed here" in admin.get(path).text
    refused = _post(admin, "/workspace/admin/organisations", path, name="Somewhere Else")
    assert "has the authority’s own name" in refused.text
    db.session.refresh(la)
    assert la.name == la.local_authority.name


def test_the_sign_ins_list_is_newest_first_paged_and_filtered(client_as, factories) -> None:
    person = factories.person_with_role("trainer", email="watched@example.org")
    start = utcnow() - timedelta(hours=2)
    for number in range(PAGE_SIZE + 5):
        db.session.add(
            SignInAttempt(email="watched@example.org", user_id=person.id, address=f"198.51.100.{number}",
                          outcome="wrong_password", occurred_at=start + timedelta(seconds=number))
        )  # fmt: skip
    db.session.add(SignInAttempt(email="stranger@example.org", address="192.0.2.1", outcome="throttled"))
    db.session.commit()
    admin = client_as("admin")
    first = admin.get("/workspace/admin/sign-ins")
    assert first.status_code == 200
    assert_page_basics(first.text)
    shown = re.findall(r"<code>([0-9.]+)</code>", first.text)
    assert len(shown) == PAGE_SIZE and shown[0] == "127.0.0.1"  # the admin's own sign-in, just now
    assert shown[1:3] == ["192.0.2.1", f"198.51.100.{PAGE_SIZE + 4}"]
    second = admin.get("/workspace/admin/sign-ins?page=2").text
    assert re.findall(r"<code>([0-9.]+)</code>", second)[-1] == "198.51.100.0"
    only = admin.get("/workspace/admin/sign-ins?email=Stranger@Example.org").text
    assert re.findall(r"<code>([0-9.]+)</code>", only) == ["192.0.2.1"] and "1 attempt" in only
    throttled = admin.get("/workspace/admin/sign-ins?outcome=throttled").text
    assert "192.0.2.1" in throttled and "198.51.100." not in throttled
    assert "Refused: too many attempts" in throttled
    assert admin.get("/workspace/admin/sign-ins?outcome=nonsense&page=x").status_code == 200
    assert "No sign-in attempts match" in admin.get("/workspace/admin/sign-ins?email=nobody@example.org").text


NEW_PAGES = [
    ("get", "/workspace/admin/people/{person}"),
    ("post", "/workspace/admin/people/{person}/roles"),
    ("post", "/workspace/admin/people/{person}/roles/{role}/remove"),
    ("post", "/workspace/admin/people/{person}/deactivate"),
    ("post", "/workspace/admin/people/{person}/reactivate"),
    ("post", "/workspace/admin/people/{person}/invitation"),
    ("get", "/workspace/admin/organisations/{organisation}"),
    ("post", "/workspace/admin/organisations/{organisation}"),
    ("get", "/workspace/admin/sign-ins"),
]


def test_only_admins_reach_the_new_pages_and_nothing_changes_for_others(client, client_as, factories) -> None:
    person = factories.person_with_role("trainer")
    organisation = factories.organisation(kind="training_provider", name="Unchanged Training")
    ids = {"person": person.id, "role": person.roles[0].id, "organisation": organisation.id}
    outsiders = [client_as(role) for role in ("registrar", "oversight", "la_officer", "mediator")]
    before = (_count(AuditEvent), _count(RoleAssignment))
    anonymous_token = csrf_token_from(client.get("/sign-in").text)
    for method, template in NEW_PAGES:
        path = template.format(**ids)
        assert getattr(client, method)(path, data={"csrf_token": anonymous_token}).status_code == 302, path
        for outsider in outsiders:
            token = csrf_token_from(outsider.get("/sign-out").text)
            response = getattr(outsider, method)(path, data={"csrf_token": token, "name": "Hijacked", "role": "admin"})
            assert response.status_code == 403, (path, outsider.user.roles[0].role)
    db.session.refresh(person)
    db.session.refresh(organisation)
    assert person.active and organisation.name == "Unchanged Training"
    assert (_count(AuditEvent), _count(RoleAssignment)) == before


def test_unknown_people_organisations_and_roles_are_not_found(client_as, factories) -> None:
    admin = client_as("admin")
    token = csrf_token_from(admin.get("/workspace/admin/people").text)
    assert admin.get("/workspace/admin/people/999999").status_code == 404
    assert admin.get("/workspace/admin/organisations/999999").status_code == 404
    assert admin.post("/workspace/admin/people/999999/deactivate", data={"csrf_token": token}).status_code == 404
    me = admin.user.id
    assert (
        admin.post(f"/workspace/admin/people/{me}/roles/999999/remove", data={"csrf_token": token}).status_code == 404
    )
    assert admin.get("/workspace/admin/people/99999999999999999999").status_code == 404


def test_a_post_without_its_csrf_token_changes_nothing(client_as, factories) -> None:
    trainer = factories.person_with_role("trainer")
    admin = client_as("admin")
    audited = _count(AuditEvent)
    for suffix in ("deactivate", "invitation", f"roles/{trainer.roles[0].id}/remove"):
        assert admin.post(f"{_page_of(trainer)}/{suffix}").status_code == 400, suffix
    db.session.refresh(trainer)
    assert trainer.active and _count(AuditEvent) == audited
