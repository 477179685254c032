"""Demo data: the sign-ins, every status, lifecycle-true histories, idempotence and determinism.

Each test loads the demo data inside its own rolled-back transaction. ``DEMO_PASSWORD`` and
``DEMO_TOTP_SECRET`` are set so nothing is written to ``instance/``; the argon2 hash is computed
once for the whole module.
"""

from __future__ import annotations

import stat
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path

import pyotp
import pytest
from flask import Flask
from sqlalchemy import func, select

import registry.demo
import registry.domain.clock
from registry.auth.login import hash_password, password_matches
from registry.demo import DEFAULT_SEED, load_demo_data
from registry.demo.catalogue import Area, build_catalogue
from registry.demo.mediators import draft_mediator
from registry.demo.password import demo_password, demo_totp_secret
from registry.demo.people import MORE_ROLES
from registry.demo.showcase import PROGRAMMES
from registry.domain import compliance
from registry.domain.accreditation import lapse_expired
from registry.domain.accreditation.history import statuses_on
from registry.domain.audit import verify_chain
from registry.domain.registration_numbers import format_number, is_valid
from registry.extensions import db
from registry.models import (
    Accreditation,
    AccreditationApplication,
    AccreditationEvent,
    AuditEvent,
    IndependenceDeclaration,
    LocalAuthority,
    LogEntry,
    Mediator,
    MediatorFormat,
    MediatorLanguage,
    MediatorSpecialism,
    Organisation,
    OutcomeReturn,
    OversightReview,
    ProgrammeAccreditationEvent,
    RegisterChange,
    ReviewAction,
    RoleAssignment,
    SequenceCounter,
    TrainingCompletion,
    TrainingProgramme,
    User,
)
from registry.models.accreditations import STATUSES
from registry.models.mediators import mediator_areas, mediator_providers
from tests.fixtures.clients import sign_in
from tests.fixtures.totp import TEST_TOTP_SECRET

PASSWORD = "demo password for tests"
# DESIGN §4, written out independently of the loader: event kind -> allowed (from, to) pairs.
LIFECYCLE = {
    "applied": {(None, "applied")},
    "accredited": {("applied", "accredited")},
    "refused": {("applied", "refused")},
    "renewed": {("accredited", "accredited")},
    "conditions_changed": {("accredited", "accredited")},
    "suspended": {("accredited", "suspended")},
    "reinstated": {("suspended", "accredited"), ("lapsed", "accredited")},
    "withdrawn": {("accredited", "withdrawn"), ("suspended", "withdrawn")},
    "lapsed": {("accredited", "lapsed"), ("suspended", "lapsed")},
    "resigned": {("accredited", "resigned")},
}
EXPECTED_SIGN_INS = {
    "admin@demo.test": ("admin", None),
    "oversight@demo.test": ("oversight", "oversight_body"),
    "registrar@demo.test": ("registrar", "accrediting_body"),
    "registrar2@demo.test": ("registrar", "accrediting_body"),
    "trainer@demo.test": ("trainer", "training_provider"),
    "provider@demo.test": ("provider", "mediation_provider"),
    "mediator@demo.test": ("mediator", None),
    "la@demo.test": ("la_officer", "local_authority"),
}
COUNTED = (
    Organisation, User, RoleAssignment, Mediator, MediatorLanguage, MediatorFormat, MediatorSpecialism,
    IndependenceDeclaration, Accreditation, AccreditationEvent, AccreditationApplication, AuditEvent,
    TrainingProgramme, TrainingCompletion, OversightReview, ReviewAction, OutcomeReturn, LogEntry,
)  # fmt: skip


@cache
def _hash_once(password: str) -> str:
    return hash_password(password)


@pytest.fixture(autouse=True)
def _demo_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    monkeypatch.setenv("DEMO_TOTP_SECRET", TEST_TOTP_SECRET)
    monkeypatch.setattr(registry.demo, "hash_password", _hash_once)


def _today() -> date:
    return datetime.now(UTC).date()


def _user(email: str) -> User:
    return db.session.scalars(select(User).where(User.email == email)).one()


def _counts() -> dict[str, int]:
    counts = {model.__name__: db.session.scalar(select(func.count()).select_from(model)) for model in COUNTED}
    for table in (mediator_areas, mediator_providers):
        counts[table.name] = db.session.scalar(select(func.count()).select_from(table))
    return counts


def test_the_sign_ins_exist_with_their_roles_and_scopes() -> None:
    load_demo_data()

    for email, (role, kind) in EXPECTED_SIGN_INS.items():
        user = _user(email)
        more = [(more_role, None) for more_email, more_role in MORE_ROLES if more_email == email]
        assert [(r.role, r.organisation.kind if r.organisation else None) for r in user.roles] == [(role, kind), *more]
    assert password_matches(_user("admin@demo.test"), PASSWORD)
    bodies = {_user(e).roles[0].organisation_id for e in ("registrar@demo.test", "registrar2@demo.test")}
    assert len(bodies) == 2
    la = _user("la@demo.test").roles[0].organisation
    assert la.local_authority is not None and la.local_authority.name == "Sheffield"

    mediator = db.session.scalars(select(Mediator).where(Mediator.user_id == _user("mediator@demo.test").id)).one()
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()
    assert accreditation.status == "accredited"
    assert accreditation.body_id == _user("registrar@demo.test").roles[0].organisation_id
    assert accreditation.valid_until is not None and accreditation.valid_until > _today()
    assert accreditation.events[1].kind == "accredited"
    assert accreditation.events[1].effective_on < _today() - timedelta(days=365)


def test_every_renewed_period_of_the_demo_mediator_shows_compliant() -> None:
    """The demo mediator was renewed a year into their accreditation: the period that renewal closed must not
    show "not compliant" on their compliance page, and the current period is compliant too."""
    load_demo_data()
    mediator = db.session.scalars(select(Mediator).where(Mediator.user_id == _user("mediator@demo.test").id)).one()
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()
    assert "renewed" in [event.kind for event in accreditation.events]
    overview = compliance.overview(mediator)
    assert overview.previous, "the demo accreditation has a period before this one"
    assert [(a.period, a.compliant) for a in overview.previous] == [(a.period, True) for a in overview.previous]
    assert overview.current.compliant


def test_the_demo_organisations_cover_every_kind() -> None:
    load_demo_data()

    kinds = defaultdict(int)
    for organisation in db.session.scalars(select(Organisation)):
        kinds[organisation.kind] += 1
    assert kinds["accrediting_body"] == 2
    assert kinds["oversight_body"] == 1
    assert kinds["training_provider"] == 2
    assert kinds["mediation_provider"] == 3
    assert kinds["local_authority"] >= 3


def test_every_status_appears_and_most_mediators_are_accredited() -> None:
    load_demo_data()

    rows = db.session.execute(select(Accreditation.body_id, Accreditation.status, Accreditation.conditions)).all()
    assert {status for _, status, _ in rows} == set(STATUSES)
    statuses_by_body = defaultdict(set)
    for body_id, status, _ in rows:
        statuses_by_body[body_id].add(status)
    assert len(statuses_by_body) == 2 and all(s == set(STATUSES) for s in statuses_by_body.values())
    assert any(status == "accredited" and conditions for _, status, conditions in rows)
    accredited = db.session.scalar(
        select(func.count(func.distinct(Accreditation.mediator_id))).where(Accreditation.status == "accredited")
    )
    assert 0.6 <= accredited / 60 <= 0.8


def test_every_history_follows_the_lifecycle_and_the_cache_matches_its_latest_event() -> None:
    load_demo_data()
    today, now = _today(), datetime.now(UTC)

    events = db.session.scalars(select(AccreditationEvent).order_by(AccreditationEvent.sequence)).all()
    assert [e.recorded_at for e in events] == sorted(e.recorded_at for e in events)
    # Programme events and the change feed's rows share the one global sequence (the demo's showcase
    # programmes and its provider's public details come last).
    latest = max(
        events[-1].sequence,
        db.session.scalar(select(func.max(ProgrammeAccreditationEvent.sequence))) or 0,
        db.session.scalar(select(func.max(RegisterChange.sequence))) or 0,
    )
    assert db.session.get(SequenceCounter, "accreditation_events").value == latest

    for accreditation in db.session.scalars(select(Accreditation)):
        history = accreditation.events
        assert history[0].kind == "applied"
        previous = None
        for event in history:
            assert (event.from_status, event.to_status) in LIFECYCLE[event.kind], event.kind
            assert event.from_status == (previous.to_status if previous else None)
            assert event.effective_on <= today
            assert event.effective_on <= event.recorded_at.date() and event.recorded_at <= now
            if previous is not None:
                assert event.recorded_at > previous.recorded_at and event.effective_on > previous.effective_on
            if event.kind == "lapsed":
                assert previous is not None and event.effective_on == previous.valid_until + timedelta(days=1)
            previous = event
        latest = history[-1]
        assert (accreditation.status, accreditation.valid_from, accreditation.valid_until) == (
            latest.to_status,
            latest.valid_from,
            latest.valid_until,
        )
        assert accreditation.conditions == latest.conditions
        assert accreditation.status_sequence == latest.sequence
        assert accreditation.standards_version == "1.0"
        if accreditation.status in ("accredited", "suspended"):
            assert accreditation.valid_until >= today, "the daily job would have lapsed it"
    assert lapse_expired() == [], "the daily job finds nothing left to lapse"


def test_the_status_today_read_from_the_cached_rows_is_what_replaying_the_events_gives() -> None:
    """The bulk writer skips the recorder, so it fills the rows' status since and latest sequence
    itself (``fill_status_today``); as known today, ``statuses_on`` replays the events instead."""
    load_demo_data()
    today = registry.domain.clock.today()
    ids = list(db.session.scalars(select(Mediator.id).order_by(Mediator.id)))
    cached = statuses_on(ids, today)
    replayed = statuses_on(ids, today, as_known_on=today)
    assert len(ids) >= 50 and cached == {mid: replace(s, as_known_on=None) for mid, s in replayed.items()}
    assert {s.state.since for s in cached.values() if s.state} != {None}


def test_every_accreditation_has_its_application_and_waiting_ones_are_open() -> None:
    load_demo_data()

    applications = defaultdict(list)
    for application in db.session.scalars(select(AccreditationApplication)):
        applications[application.accreditation_id].append(application)
    for accreditation in db.session.scalars(select(Accreditation)):
        initial = [a for a in applications[accreditation.id] if a.kind == "initial"]
        assert len(initial) == 1
        assert initial[0].submitted_at == accreditation.events[0].recorded_at
        assert (initial[0].decided_at is None) == (accreditation.status == "applied")
        if any(e.kind == "reinstated" and e.from_status == "lapsed" for e in accreditation.events):
            assert any(a.kind == "renewal" and a.decided_at is not None for a in applications[accreditation.id])
        open_renewals = [a for a in applications[accreditation.id] if a.kind == "renewal" and a.decided_at is None]
        assert not open_renewals or accreditation.status == "lapsed"


def test_loading_twice_changes_nothing_and_a_larger_count_tops_up() -> None:
    load_demo_data()
    before = _counts()
    names = dict(db.session.execute(select(Mediator.registration_number, Mediator.display_name)).all())

    assert "nothing changed" in load_demo_data()
    assert _counts() == before

    load_demo_data(mediator_count=70)
    assert _counts()["Mediator"] == 70
    assert _counts()["User"] == before["User"]
    still = dict(db.session.execute(select(Mediator.registration_number, Mediator.display_name)).all())
    assert {number: still[number] for number in names} == names


def test_the_same_seed_gives_the_same_mediators(app: Flask) -> None:
    load_demo_data()
    loaded = dict(db.session.execute(select(Mediator.registration_number, Mediator.display_name)).all())
    assert sorted(loaded) == [format_number("SM", serial) for serial in range(1, 61)]
    assert all(is_valid(number) for number in loaded)

    areas = [
        Area(*row)
        for row in db.session.execute(
            select(LocalAuthority.id, LocalAuthority.gss_code, LocalAuthority.name, LocalAuthority.region_code,
                   LocalAuthority.region_name)
        )
    ]  # fmt: skip
    path = app.config["STANDARDS_PATH"]

    def names(seed: int) -> dict[str, str]:
        catalogue = build_catalogue(seed, areas, path)
        drafts = (draft_mediator(seed, serial, catalogue, _today()) for serial in range(1, 61))
        return {draft.registration_number: draft.profile.display_name for draft in drafts}

    assert names(DEFAULT_SEED) == loaded
    assert names(DEFAULT_SEED + 1) != loaded


def test_the_audit_chain_verifies_after_loading() -> None:
    load_demo_data()

    checked, fault = verify_chain()
    assert fault is None and checked > 0
    summary = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "demo_data.loaded")).one()
    assert summary.data["mediators"] == 60


def test_two_hundred_mediators_with_private_details_and_realistic_spread() -> None:
    load_demo_data(mediator_count=200)

    mediators = db.session.scalars(select(Mediator)).all()
    assert len(mediators) == 200
    assert all(m.home_address and m.private_email and m.private_phone and m.bio for m in mediators)
    served = db.session.execute(
        select(mediator_areas.c.mediator_id, func.count()).group_by(mediator_areas.c.mediator_id)
    ).all()
    assert len(served) == 200 and all(1 <= n <= 8 for _, n in served)
    assert db.session.scalar(select(func.count(func.distinct(mediator_areas.c.local_authority_id)))) > 60
    languages = set(db.session.scalars(select(MediatorLanguage.code)))
    assert {"en", "bfi"} <= languages and len(languages) > 5
    assert set(db.session.scalars(select(MediatorFormat.code))) == {"in_person", "video", "phone"}
    assert db.session.scalar(select(func.count()).select_from(IndependenceDeclaration)) > 0
    assert {status for (status,) in db.session.execute(select(Accreditation.status))} == set(STATUSES)


def test_print_sign_ins_shows_every_sign_in_and_the_password_without_loading(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["demo-data", "--print-sign-ins"])

    assert result.exit_code == 0, result.output
    assert all(email in result.output for email in EXPECTED_SIGN_INS) and PASSWORD in result.output
    assert db.session.scalar(select(func.count()).select_from(Mediator)) == 0


def test_print_sign_ins_gives_the_staff_second_factor_and_print_code_its_code(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["demo-data", "--print-sign-ins"])
    assert TEST_TOTP_SECRET in result.output and "make demo-code" in result.output
    code = app.test_cli_runner().invoke(args=["demo-data", "--print-code"]).output.strip()
    assert pyotp.TOTP(TEST_TOTP_SECRET).verify(code, valid_window=1)


def test_the_demo_staff_sign_ins_are_enrolled_and_the_others_are_not(app: Flask) -> None:
    load_demo_data(mediator_count=3)
    enrolled = {email for email in EXPECTED_SIGN_INS if _user(email).totp_secret == TEST_TOTP_SECRET}
    assert enrolled == {"admin@demo.test", "oversight@demo.test", "registrar@demo.test", "registrar2@demo.test"}


def test_a_generated_second_factor_secret_is_kept_private_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEMO_TOTP_SECRET")
    first, again = demo_totp_secret(tmp_path), demo_totp_secret(tmp_path)
    assert first.generated and not again.generated and first.value == again.value
    assert len(first.value) >= 32 and pyotp.TOTP(first.value).now().isdigit()
    assert stat.S_IMODE((tmp_path / "demo_totp_secret").stat().st_mode) == 0o600


def test_a_generated_password_is_kept_private_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEMO_PASSWORD")
    first, again = demo_password(tmp_path), demo_password(tmp_path)

    assert first.generated and not again.generated and first.value == again.value
    assert stat.S_IMODE((tmp_path / "demo_password").stat().st_mode) == 0o600


def test_the_showcase_gives_every_workspace_something_to_show(app: Flask, client) -> None:  # type: ignore[no-untyped-def]
    load_demo_data()
    public_training = client.get("/training").text
    assert "Foundation certificate in SEND mediation" in public_training
    assert "SEND mediation for family and civil mediators" not in public_training  # still waiting for a decision
    published = client.get("/oversight").text
    assert "Annual review of" in published and "Role-play assessment" not in published  # the thematic one is a draft
    year = max(r.year for r in db.session.scalars(select(OutcomeReturn)))
    statistics = client.get(f"/statistics?year={year}").text
    assert "no data" in statistics.lower()

    def signed_in(email: str):  # type: ignore[no-untyped-def]
        signed = app.test_client()
        sign_in(signed, _user(email), PASSWORD)
        return signed

    assert (
        "SEND mediation for family and civil mediators"
        in signed_in("registrar@demo.test").get("/workspace/registrar/programmes").text
    )
    assert (
        "Adopt a template for recording the reasons" in signed_in("registrar@demo.test").get("/workspace/actions").text
    )
    trainer_page = signed_in("trainer@demo.test").get("/workspace/trainer/programmes").text
    assert all(content.title in trainer_page for content in PROGRAMMES.values())
    assert (
        "Role-play assessment across training providers"
        in signed_in("oversight@demo.test").get("/workspace/oversight/reviews").text
    )
    mediator = db.session.scalars(select(Mediator).where(Mediator.user_id == _user("mediator@demo.test").id)).one()
    from_course = db.session.scalars(
        select(LogEntry).where(LogEntry.mediator_id == mediator.id, LogEntry.title.contains("Preparing for adulthood"))
    ).one()
    assert from_course.review_status == "verified"
    assert db.session.scalar(select(func.count()).select_from(OutcomeReturn)) == 24
    assert {r.quarter for r in db.session.scalars(select(OutcomeReturn))} == {1, 2, 3, 4}


def test_every_demo_accreditation_and_programme_has_its_status_position_and_bits(client) -> None:  # type: ignore[no-untyped-def]
    """The writer's bulk rows skip the lifecycle's events, so the loader draws their positions: a
    credential's GET then writes nothing, and each bit says what the status says."""
    from registry.domain.credentials.status import REVOKING_STATUSES, SUSPENDING_STATUSES, WITHOUT_CREDENTIAL
    from registry.models import Accreditation, CredentialStatusEntry, TrainingProgramme

    load_demo_data()
    db.session.commit()
    for model, column in (
        (Accreditation, CredentialStatusEntry.accreditation_id),
        (TrainingProgramme, CredentialStatusEntry.programme_id),
    ):
        rows = db.session.execute(
            select(model.status, CredentialStatusEntry.revoked, CredentialStatusEntry.suspended)
            .outerjoin(CredentialStatusEntry, column == model.id)
            .where(model.status.not_in(WITHOUT_CREDENTIAL))
        ).all()
        assert rows and all(
            revoked == (status in REVOKING_STATUSES) and suspended == (status in SUSPENDING_STATUSES)
            for status, revoked, suspended in rows
        ), rows  # an unpositioned row has None for both, and fails
    positions = db.session.scalar(select(func.count()).select_from(CredentialStatusEntry))
    accredited = db.session.scalars(
        select(Mediator.registration_number).join(Accreditation).where(Accreditation.status == "accredited")
    ).first()
    assert client.get(f"/api/v1/mediators/{accredited}/credential").status_code == 200
    assert db.session.scalar(select(func.count()).select_from(CredentialStatusEntry)) == positions
