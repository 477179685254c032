"""The admin workspace: add organisations and invite people, read the audit trail.

Only an admin gets in; bad answers are explained and change nothing; what is added is audited.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from registry.domain import audit
from registry.domain.accreditation.transitions import MEDIATOR_ACCREDITATION
from registry.domain.administration import AUDITED_SUBJECTS, PAGE_SIZE
from registry.domain.training.transitions import PROGRAMME_ACCREDITATION
from registry.extensions import db
from registry.models import AuditEvent, Mediator, Organisation, User
from tests.conftest import csrf_token_from
from tests.test_pages_basics import assert_page_basics

ROW_NUMBER = re.compile(r'<tr class="govuk-table__row">\s*<td class="govuk-table__cell">(\d+)<')
PAGES = (
    "/workspace/admin/people",
    "/workspace/admin/organisations",
    "/workspace/admin/sign-ins",
    "/workspace/admin/audit-trail",
)


def _count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def _post(client, path: str, **answers: str):  # type: ignore[no-untyped-def]
    token = csrf_token_from(client.get(path).text)
    return client.post(path, data={"csrf_token": token, **answers})


@pytest.mark.parametrize("path", PAGES)
def test_only_an_admin_gets_in_and_oversight_reads_the_audit_trail(client, client_as, path: str) -> None:
    assert client.get(path).status_code == 302  # to sign in
    for role in ("registrar", "la_officer", "mediator", "trainer"):
        assert client_as(role).get(path).status_code == 403
    oversight = client_as("oversight").get(path)
    assert oversight.status_code == (200 if path.endswith("audit-trail") else 403)
    if oversight.status_code == 200:
        assert 'href="/workspace/admin/people"' not in oversight.text  # no links they cannot follow
    page = client_as("admin").get(path)
    assert page.status_code == 200
    assert_page_basics(page.text)


def test_an_admin_invites_a_registrar_who_gets_no_password_until_they_choose_one(client_as, factories) -> None:
    body = factories.organisation(kind="accrediting_body", name="Northern Mediation Council")
    admin = client_as("admin")
    added = _post(
        admin, "/workspace/admin/people", name="  Priya   Shah ", email="Priya.Shah@Example.org", role="registrar",
        organisation_id=str(body.id),
    )  # fmt: skip
    assert added.status_code == 303  # POST/redirect/GET: a reload of the page it leads to invites nobody
    added = admin.get(added.location)
    assert added.status_code == 200 and added.headers["Cache-Control"] == "no-store"
    assert_page_basics(added.text)
    person = db.session.scalars(select(User).where(User.email == "priya.shah@example.org")).one()
    assert person.name == "Priya Shah" and [(r.role, r.organisation_id) for r in person.roles] == [
        ("registrar", body.id)
    ]
    assert person.password_hash.startswith("!") and "Registrar of an accrediting body" in added.text
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == admin.user.id)))
    assert {"user.created", "role.granted", "user.invitation_link_issued"} <= actions


def test_a_mediator_added_by_an_admin_gets_a_register_entry(client_as) -> None:
    admin = client_as("admin")
    page = _post(admin, "/workspace/admin/people", name="Nia Jones", email="nia@example.org", role="mediator")
    page = admin.get(page.location)
    assert page.status_code == 200 and "invitation on to Nia Jones" in page.text
    person = db.session.scalars(select(User).where(User.email == "nia@example.org")).one()
    entry = db.session.scalars(select(Mediator).where(Mediator.user_id == person.id)).one()
    assert (entry.given_name, entry.family_name) == ("Nia", "Jones")


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"name": "", "email": "a@example.org", "role": "admin"}, "Enter the person’s full name"),
        (
            {"name": "A Person", "email": "not-an-email", "role": "admin"},
            "Enter an email address in the correct format",
        ),
        ({"name": "A Person", "email": "a@example.org"}, "Select the person’s role"),
        ({"name": "A Person", "email": "a@example.org", "role": "registrar"}, "Select the accrediting body"),
        ({"name": "A Person", "email": "a@example.org", "role": "wizard"}, "Not a valid choice"),
        ({"name": "A Person", "email": "a@example.org", "role": "admin", "organisation_id": "999999"}, "Not a valid"),
    ],
)
def test_bad_answers_are_explained_and_nothing_is_saved(client_as, answers: dict[str, str], message: str) -> None:
    admin = client_as("admin")
    people, audited = _count(User), _count(AuditEvent)
    page = _post(admin, "/workspace/admin/people", **answers)
    assert page.status_code == 200
    assert_page_basics(page.text)
    assert "There is a problem" in page.text and message in page.text
    assert (_count(User), _count(AuditEvent)) == (people, audited)


def test_an_existing_email_is_refused(client_as, factories) -> None:
    existing = factories.person_with_role("trainer")
    page = _post(client_as("admin"), "/workspace/admin/people", name="Twin", email=existing.email.upper(), role="admin")
    assert f"There is already an account for {existing.email}" in page.text


def test_people_are_listed_and_found_by_name_or_email(client_as, factories) -> None:
    factories.person_with_role("trainer", name="Olamide Findable")
    admin = client_as("admin")
    found = admin.get("/workspace/admin/people?search=findable")
    assert "Olamide Findable" in found.text and admin.user.name not in found.text.split('id="people"')[1]
    assert "No one matches" in admin.get("/workspace/admin/people?search=%25%25nobody").text


def test_an_admin_adds_organisations(client_as) -> None:
    admin = client_as("admin")
    added = _post(admin, "/workspace/admin/organisations", kind="training_provider", name="Kittiwake Training")
    assert added.status_code == 302
    page = admin.get(added.location)
    assert "Kittiwake Training is on the register" in page.text
    assert "Accrediting bodies (" in page.text and "Training providers (" in page.text and "bodys" not in page.text
    assert db.session.scalars(select(Organisation).where(Organisation.name == "Kittiwake Training")).one().slug == (
        "kittiwake-training"
    )
    again = _post(admin, "/workspace/admin/organisations", kind="training_provider", name="kittiwake training")
    assert "There is already a training provider called" in again.text
    la = _post(admin, "/workspace/admin/organisations", kind="local_authority", local_authority="E06000017")
    assert la.status_code == 302
    rutland = db.session.scalars(select(Organisation).where(Organisation.kind == "local_authority")).one()
    assert rutland.name == "Rutland" and rutland.local_authority.gss_code == "E06000017"
    twice = _post(admin, "/workspace/admin/organisations", kind="local_authority", local_authority="E06000017")
    assert "Rutland is already on the register" in twice.text
    missing = _post(admin, "/workspace/admin/organisations", kind="local_authority")
    assert "Select the local authority" in missing.text
    unnamed = _post(admin, "/workspace/admin/organisations", kind="accrediting_body", name="  ")
    assert "Enter the organisation’s name" in unnamed.text


def test_the_audit_trail_pages_newest_first_and_filters_by_subject(client_as) -> None:
    for number in range(PAGE_SIZE + 5):
        audit.record(None, "test.recorded", "standards", number)
    audit.record(None, "test.user", "user", 1)
    admin = client_as("admin")
    first = admin.get("/workspace/admin/audit-trail")
    sequences = [
        int(s) for s in re.findall(r'<tr class="govuk-table__row">\s*<td class="govuk-table__cell">(\d+)<', first.text)
    ]
    assert len(sequences) == PAGE_SIZE and sequences == sorted(sequences, reverse=True)
    older = re.search(r'href="(/workspace/admin/audit-trail\?before=\d+[^"]*)"', first.text).group(1)
    second = admin.get(older.replace("&amp;", "&")).text
    rest = [int(s) for s in re.findall(ROW_NUMBER, second)]
    assert rest and max(rest) < min(sequences)
    only_users = admin.get("/workspace/admin/audit-trail?subject=user").text
    assert "test.user" in only_users and "test.recorded" not in only_users
    assert admin.get("/workspace/admin/audit-trail?subject=nonsense&before=x").status_code == 200


def test_the_audit_filter_knows_every_kind_of_thing_the_code_records() -> None:
    # The one lifecycle's recorder audits each subject as its configuration says.
    recorded = {subject.audited_as for subject in (MEDIATOR_ACCREDITATION, PROGRAMME_ACCREDITATION)}
    for path in Path("registry").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "record"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "audit"
            ):
                subject = node.args[2]
                if path.as_posix() == "registry/domain/lifecycle/recorder.py":
                    assert ast.unparse(subject) == "lifecycle.audited_as"
                    continue
                assert isinstance(subject, ast.Constant), f"{path}:{node.lineno} names its subject type indirectly"
                recorded.add(subject.value)
    assert recorded == set(AUDITED_SUBJECTS)
