"""Demo data for development: ``flask --app registry demo-data [--mediators N]``.

Deterministic (Faker ``en_GB`` and ``random.Random`` from a fixed seed) and idempotent: the demo
organisations are found again by slug, the sign-ins by email and the mediators by registration
number (``SM-000001-…`` upwards), so a second run adds nothing and a larger ``--mediators`` only
adds the missing ones. Everything goes into the caller's transaction; the command commits once.
Never part of the production path.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from registry.auth.login import hash_password
from registry.demo.catalogue import Area, Catalogue, build_catalogue
from registry.demo.consultation import ensure_consultation
from registry.demo.logs import write_demo_log
from registry.demo.mediators import DEMO_MEDIATOR_SERIAL, MediatorDraft, draft_mediator
from registry.demo.organisations import PROVIDER_KEYS, DemoDataError, ensure_organisations
from registry.demo.password import current_code, demo_password, demo_totp_secret
from registry.demo.people import MEDIATOR_EMAIL, describe_sign_ins, ensure_sign_ins
from registry.demo.showcase import write_showcase
from registry.demo.writer import Links, MediatorWriter
from registry.domain import audit
from registry.domain.credentials import status as credential_status
from registry.domain.registration_numbers import format_number
from registry.extensions import db
from registry.models import LocalAuthority, Mediator
from registry.models.base import utcnow

DEFAULT_SEED = 20250901

__all__ = ["DEFAULT_SEED", "DemoDataError", "load_demo_data", "sign_in_summary"]


def _areas() -> list[Area]:
    rows = db.session.execute(
        select(LocalAuthority.id, LocalAuthority.gss_code, LocalAuthority.name, LocalAuthority.region_code,
               LocalAuthority.region_name)
    ).all()  # fmt: skip
    if not rows:
        raise DemoDataError("Load the local authorities first: flask --app registry setup")
    return [Area(*row) for row in rows]


def _drafts(seed: int, catalogue: Catalogue, serials: list[int], today: date) -> Iterator[MediatorDraft]:
    for serial in serials:
        yield draft_mediator(seed, serial, catalogue, today)


def sign_in_summary() -> str:
    """The demo sign-ins and their shared password, for ``demo-data --print-sign-ins``."""
    password = demo_password(Path(current_app.instance_path))
    lines = [f"Demo sign-ins (password {password.value!r}, {password.source}):"]
    lines += [f"  {email:<22} {role}" for email, role in describe_sign_ins()]
    secret = demo_totp_secret(Path(current_app.instance_path))
    roles = ", ".join(sorted(current_app.config["REQUIRE_2FA_ROLES"]))
    lines += [
        f"Staff sign-ins ({roles}) also need a code from an authenticator app holding the secret",
        f"  {secret.value} ({secret.source}).",
        f"  Code right now: {current_code(secret.value)}  (a fresh one any time: make demo-code)",
    ]
    return "\n".join(lines)


def load_demo_data(mediator_count: int = 60, *, seed: int = DEFAULT_SEED) -> str:
    """Create whatever of the demo data is missing, in the caller's transaction; say what was done."""
    today = utcnow().date()
    areas = _areas()
    catalogue = build_catalogue(seed, areas, Path(current_app.config["STANDARDS_PATH"]))
    organisations, organisations_created = ensure_organisations({area.gss_code: area.id for area in areas})
    demo_mediator = draft_mediator(seed, DEMO_MEDIATOR_SERIAL, catalogue, today)
    password = None

    def password_hash() -> str:
        nonlocal password
        password = demo_password(Path(current_app.instance_path))
        return hash_password(password.value)

    users, users_created = ensure_sign_ins(
        organisations,
        demo_mediator.profile.display_name,
        password_hash,
        lambda: demo_totp_secret(Path(current_app.instance_path)).value,
        current_app.config["REQUIRE_2FA_ROLES"],
    )

    existing = set(db.session.scalars(select(Mediator.registration_number)))
    missing = [s for s in range(1, mediator_count + 1) if format_number("SM", s) not in existing]
    mediator_user = users[MEDIATOR_EMAIL]
    linked = db.session.scalar(select(Mediator.id).where(Mediator.user_id == mediator_user.id))
    writer = MediatorWriter(
        Links(
            body_ids=(organisations["body1"].id, organisations["body2"].id),
            provider_ids=tuple(organisations[key].id for key in PROVIDER_KEYS),
            registrar_ids=(users["registrar@demo.test"].id, users["registrar2@demo.test"].id),
            mediator_user_id=None if linked else mediator_user.id,
        )
    )
    written = writer.write(_drafts(seed, catalogue, missing, today))
    writer.write_events()
    writer.catch_up_id_sequences()
    write_demo_log(mediator_user)
    showcase = write_showcase(organisations, users, seed)
    consultation_responses = ensure_consultation(users["admin@demo.test"], today)
    credential_status.draw_missing()  # the writer's bulk rows skip the lifecycle's events

    changed = organisations_created or users_created or written.mediators or consultation_responses
    if not (changed or any(vars(showcase).values())):
        return "The demo data is already loaded: nothing changed."
    counts = {
        "organisations": organisations_created,
        "sign_ins": users_created,
        "mediators": written.mediators,
        "accreditations": written.accreditations,
        "accreditation_events": written.events,
        "applications": written.applications,
        "independence_declarations": written.declarations,
        "training_programmes": showcase.programmes,
        "training_completions": showcase.completions,
        "oversight_reviews": showcase.reviews,
        "outcome_returns": showcase.outcome_returns,
        "commissioned_services": showcase.commissioned_services,
        "provider_pages": showcase.provider_pages,
        "consultation_responses": consultation_responses,
    }
    audit.record(users["admin@demo.test"], "demo_data.loaded", "demo_data", seed, **counts)
    report = "Demo data loaded: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items()) + "."
    report = report.replace("sign ins", "sign-ins")
    if password is not None and password.generated:
        report += f"\nThe demo sign-ins' password is {password.value!r} ({password.source})."
    return report
