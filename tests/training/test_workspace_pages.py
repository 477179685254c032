"""The trainer's and registrar's programme pages: forms, scope (403), decisions, completions."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import func, select

from registry.domain import training
from registry.models import TrainingCompletion, TrainingProgramme
from tests.conftest import csrf_token_from
from tests.fixtures.clients import sign_in
from tests.training.conftest import SEND_SPECIALIST_CRITERIA
from tests.training.test_completions import mistyped
from tests.training.test_public_pages import page_ok


@pytest.fixture
def trainer(app, world):  # type: ignore[no-untyped-def]
    client = app.test_client()
    sign_in(client, world.trainer)
    return client


@pytest.fixture
def registrar(app, world):  # type: ignore[no-untyped-def]
    client = app.test_client()
    sign_in(client, world.registrar)
    return client


def post_form(client, path: str, data: dict, **kwargs):  # type: ignore[no-untyped-def]
    token = csrf_token_from(client.get(path).text)
    return client.post(path, data={"csrf_token": token, **data}, **kwargs)


FOUNDATION_FORM = {
    "level": "foundation",
    "title": "Foundation in SEND mediation",
    "total_hours": "40",
    "practical_hours": "12",
    "delivery_mode": "in_person",
    "assessment_method": "observed_role_play",
    "criteria_covered": ["MS-1.1", "MS-4.1"],
}


def test_a_trainer_submits_a_programme_and_sees_its_shortfalls(trainer, world, db_session, frozen_clock) -> None:
    response = post_form(trainer, "/workspace/trainer/programmes/new", FOUNDATION_FORM)
    assert response.status_code == 302
    programme = db_session.scalars(select(TrainingProgramme)).one()
    assert programme.provider == world.provider and programme.status == "submitted"
    html = page_ok(trainer.get(response.headers["Location"]))
    assert programme.reference in html
    assert "Foundation programmes need at least 20 hours of practical role-play; this one has 12" in html


def test_the_submission_form_explains_what_is_missing(trainer, db_session) -> None:
    html = page_ok(post_form(trainer, "/workspace/trainer/programmes/new", {"title": "", "total_hours": "lots"}))
    assert "govuk-error-summary" in html
    for message in ("Choose the level", "Enter the programme", "Enter the total hours as a number",
                    "Choose how the programme is delivered"):  # fmt: skip
        assert message in html
    assert db_session.scalar(select(func.count()).select_from(TrainingProgramme)) == 0


def test_a_cpd_course_form_takes_hours_per_log_category(trainer, db_session, frozen_clock) -> None:
    data = {
        "level": "cpd_course",
        "title": "Adulthood update",
        "total_hours": "3",
        "practical_hours": "0",
        "delivery_mode": "online",
        "assessment_method": "attendance_only",
        "log_send_law_policy_practice": "2.5",
        "log_mediation_skills": "0.5",
    }
    assert post_form(trainer, "/workspace/trainer/programmes/new", data).status_code == 302
    programme = db_session.scalars(select(TrainingProgramme)).one()
    assert programme.versions[0].log_hours == {"send_law_policy_practice": "2.5", "mediation_skills": "0.5"}


def test_a_new_version_starts_from_the_current_one(trainer, world, make_programme, db_session, frozen_clock) -> None:
    programme = make_programme("send_specialist")
    path = f"/workspace/trainer/programmes/{programme.reference}/new-version"
    page = page_ok(trainer.get(path))
    assert 'value="SEND for family mediators"' in page and 'value="12"' in page
    data = {
        "title": "SEND for family mediators, 2027",
        "total_hours": "14",
        "practical_hours": "3",
        "delivery_mode": "blended",
        "assessment_method": "written",
        "criteria_covered": list(SEND_SPECIALIST_CRITERIA),
        "expected_version": str(programme.row_version),
    }
    assert post_form(trainer, path, data).status_code == 302
    db_session.refresh(programme)
    assert programme.latest_version == 2 and programme.delivery_mode == "blended"


@pytest.mark.parametrize(
    "path",
    [
        "/workspace/trainer/programmes/{ref}",
        "/workspace/trainer/programmes/{ref}/new-version",
        "/workspace/trainer/programmes/{ref}/completions",
        "/workspace/trainer/programmes/{ref}/completions/upload",
    ],
)
def test_a_trainer_of_another_provider_gets_403(client_as, make_programme, frozen_clock, path) -> None:
    programme = make_programme()
    outsider = client_as("trainer")
    assert outsider.get(path.format(ref=programme.reference)).status_code == 403


def test_another_providers_trainer_cannot_post_a_completion(client_as, world, make_programme, db_session) -> None:
    programme = make_programme()
    outsider = client_as("trainer")
    token = csrf_token_from(outsider.get("/workspace/trainer/programmes/new").text)  # a token from their own page
    response = outsider.post(
        f"/workspace/trainer/programmes/{programme.reference}/completions",
        data={
            "csrf_token": token,
            "registration_number": world.mediator.registration_number,
            "completed_on": ["4", "3", "2026"],
        },
    )
    assert response.status_code == 403
    assert db_session.scalar(select(func.count()).select_from(TrainingCompletion)) == 0


def test_a_trainer_cannot_reach_the_decision_pages(trainer, make_programme) -> None:
    programme = make_programme(status="submitted")
    assert trainer.get("/workspace/registrar/programmes").status_code == 403
    assert trainer.get(f"/workspace/registrar/programmes/{programme.reference}/accredit").status_code == 403


def test_a_registrar_on_the_providers_staff_cannot_decide(app, world, factories, make_programme) -> None:
    programme = make_programme(status="submitted")
    dual = factories.person_with_role("registrar", world.body)
    factories.role(user=dual, role="trainer", organisation=world.provider)
    client = app.test_client()
    sign_in(client, dual)
    html = page_ok(client.get(f"/workspace/registrar/programmes/{programme.reference}"))
    assert "another registrar must decide" in html and "Accredit the programme" not in html
    assert client.get(f"/workspace/registrar/programmes/{programme.reference}/accredit").status_code == 403


def test_a_registrar_of_another_body_cannot_decide_on_its_programme(
    app, world, factories, make_programme, db_session, frozen_clock
) -> None:
    programme = make_programme()  # accredited by world.body
    second = factories.organisation(kind="accrediting_body", name="Second Mediation Body")
    client = app.test_client()
    sign_in(client, factories.person_with_role("registrar", second))
    html = page_ok(client.get(f"/workspace/registrar/programmes/{programme.reference}"))
    assert "Test Mediation Body accredits this programme, so only its registrars can decide on it" in html
    assert "Suspend the programme" not in html and "Withdraw" not in html
    path = f"/workspace/registrar/programmes/{programme.reference}/suspend"
    assert client.get(path).status_code == 403
    token = csrf_token_from(client.get("/check").text)
    data = {"csrf_token": token, "body": str(second.id), "reason": "Mine now", "public_note": "Paused."}
    assert client.post(path, data=data | {"expected_version": programme.row_version}).status_code == 403
    db_session.expire_all()
    assert (programme.status, programme.body_id) == ("accredited", world.body.id)


def test_a_registrar_of_two_bodies_decides_only_for_the_one_that_accredits(
    app, world, factories, make_programme, db_session, frozen_clock
) -> None:
    programme = make_programme()  # accredited by world.body
    second = factories.organisation(kind="accrediting_body", name="Second Mediation Body")
    both = factories.person_with_role("registrar", world.body)
    factories.role(user=both, role="registrar", organisation=second)
    client = app.test_client()
    sign_in(client, both)
    path = f"/workspace/registrar/programmes/{programme.reference}/suspend"
    form = page_ok(client.get(path))
    assert "Second Mediation Body" not in form, "only the accrediting body is offered"
    token = csrf_token_from(form)
    data = {"csrf_token": token, "reason": "Complaint", "public_note": "Paused."}
    data["expected_version"] = programme.row_version
    # The one body offered is the one they act for, whatever body the request names.
    assert client.post(path, data=data | {"body": str(second.id)}).status_code == 302
    db_session.expire_all()
    assert (programme.status, programme.body_id) == ("suspended", world.body.id)
    assert programme.events[-1].body_id == world.body.id


def test_a_registrar_accredits_through_the_form(registrar, world, make_programme, db_session, frozen_clock) -> None:
    programme = make_programme(status="submitted")
    queue = page_ok(registrar.get("/workspace/registrar/programmes"))
    assert programme.title in queue
    detail = page_ok(registrar.get(f"/workspace/registrar/programmes/{programme.reference}"))
    assert "Accredit the programme" in detail and "Refuse the programme" in detail
    path = f"/workspace/registrar/programmes/{programme.reference}/accredit"
    page_ok(registrar.get(path))
    response = post_form(
        registrar, path, {"conditions": "Review the role-play cases yearly.", "expected_version": programme.row_version}
    )
    assert response.status_code == 302
    db_session.refresh(programme)
    assert programme.status == "accredited" and programme.valid_until == date(2029, 3, 3)
    assert programme.conditions == "Review the role-play cases yearly."


def test_a_refusal_without_reasons_is_refused(registrar, make_programme, db_session, frozen_clock) -> None:
    programme = make_programme(status="submitted")
    html = page_ok(
        post_form(
            registrar,
            f"/workspace/registrar/programmes/{programme.reference}/refuse",
            {"reason": "", "expected_version": programme.row_version},
        )
    )
    assert "govuk-error-summary" in html and "Give the reasons for refusing" in html
    db_session.refresh(programme)
    assert programme.status == "submitted"


def test_a_registrar_cannot_accredit_a_programme_with_shortfalls(registrar, make_programme, frozen_clock) -> None:
    from decimal import Decimal

    programme = make_programme(status="submitted", practical_hours=Decimal(12))
    path = f"/workspace/registrar/programmes/{programme.reference}/accredit"
    html = page_ok(post_form(registrar, path, {"expected_version": programme.row_version}))
    assert "this one has 12" in html and "cannot be accredited" in html


def test_a_stale_form_says_someone_else_changed_it(registrar, world, make_programme, frozen_clock) -> None:
    programme = make_programme(status="submitted")
    path = f"/workspace/registrar/programmes/{programme.reference}/refuse"
    token = csrf_token_from(registrar.get(path).text)
    stale = programme.row_version
    training.refuse(programme, world.registrar, world.body, reason="Meanwhile")
    html = registrar.post(path, data={"csrf_token": token, "reason": "Late", "expected_version": stale}).text
    assert "changed by someone else" in html


def test_record_one_completion(trainer, world, make_programme, db_session, frozen_clock) -> None:
    programme = make_programme()
    path = f"/workspace/trainer/programmes/{programme.reference}/completions"
    data = {"registration_number": world.mediator.registration_number.lower(), "completed_on": ["4", "3", "2026"]}
    response = post_form(trainer, path, data)
    assert response.status_code == 302
    html = page_ok(trainer.get(path))
    assert world.mediator.registration_number in html and "4 March 2026" in html


def test_a_mistyped_number_in_the_form_says_so(trainer, world, make_programme, db_session, frozen_clock) -> None:
    programme = make_programme()
    wrong = mistyped(world.mediator.registration_number)
    data = {"registration_number": wrong, "completed_on": ["4", "3", "2026"]}
    html = page_ok(post_form(trainer, f"/workspace/trainer/programmes/{programme.reference}/completions", data))
    assert "looks mistyped" in html and "govuk-error-summary" in html
    assert db_session.scalar(select(func.count()).select_from(TrainingCompletion)) == 0


def upload(client, programme, text: str):  # type: ignore[no-untyped-def]
    path = f"/workspace/trainer/programmes/{programme.reference}/completions/upload"
    token = csrf_token_from(client.get(path).text)
    return client.post(
        path,
        data={"csrf_token": token, "file": (io.BytesIO(text.encode()), "completions.csv")},
        content_type="multipart/form-data",
    )


def test_a_csv_upload_with_a_bad_row_records_nothing(trainer, world, make_programme, factories, db_session) -> None:
    programme = make_programme()
    other = factories.mediator()
    text = (
        "registration number,completed on\n"
        f"{world.mediator.registration_number},{date.today().isoformat()}\n"
        f"{mistyped(other.registration_number)},{date.today().isoformat()}\n"
    )
    html = page_ok(upload(trainer, programme, text))
    assert "Nothing was recorded" in html and "Row 3:" in html and "looks mistyped" in html
    assert db_session.scalar(select(func.count()).select_from(TrainingCompletion)) == 0


def test_a_good_csv_upload_records_every_row(trainer, world, make_programme, factories, db_session) -> None:
    programme = make_programme()
    other = factories.mediator()
    today = date.today().isoformat()
    text = (
        "registration number,completed on\n"
        f"{world.mediator.registration_number},{today}\n{other.registration_number},{today}\n"
    )
    response = upload(trainer, programme, text)
    assert response.status_code == 302
    assert db_session.scalar(select(func.count()).select_from(TrainingCompletion)) == 2


def test_workspace_landing_pages_link_to_the_programme_pages(trainer, registrar) -> None:
    assert "/workspace/trainer/programmes" in trainer.get("/workspace/trainer").text
    assert "/workspace/registrar/programmes" in registrar.get("/workspace/registrar").text
