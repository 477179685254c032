"""Demo training programmes, oversight reviews and outcome returns, so no workspace starts empty.

Everything is made through the domain operations (so events, audit and notifications follow the
same rules as real use) and dated today or in the last year. Idempotent by part: programmes are
added only when the demo training provider has none, reviews only when there are none, returns
only when the demo mediation provider has none. Deterministic: figures come from a seeded
``random.Random``.

- Kestrel Mediation Academy (trainer@demo.test): an accredited foundation programme, an
  accredited CPD course that the demo mediator has completed (so their log shows a verified
  entry made by the completion), and a SEND specialist programme waiting for a registrar's
  decision (registrar@demo.test sees it in the queue).
- Oversight (oversight@demo.test): a published annual review of the first accrediting body with
  one criterion partially met and an open action owned by the body; an unpublished thematic
  review of the training provider in progress.
- Meadowbank Mediation Services (provider@demo.test): quarterly outcome returns for the last four
  complete quarters in a handful of LAs across several regions, so the public statistics have
  figures, and regions with no returns say "no data".
- Sheffield (la@demo.test): the mediation service it commissions, on its public page
  (``/local-authorities/sheffield``), added only when Sheffield has none: Meadowbank's, which
  Meadowbank proposed and Sheffield's officer confirmed; and Meadowbank's proposal to Leeds, which
  waits for Leeds to confirm.
- Meadowbank's public page (``/providers/meadowbank-mediation-services``): its description and
  contact details, written only while it has no description; and a request to the demo mediator
  to join the panel of a provider they do not yet work for, waiting in mediator@demo.test's
  workspace (only while the demo mediator has no links but the loader's).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from registry.demo.organisations import PROVIDER_KEYS
from registry.domain import clock, commissioned_services, standards, training
from registry.domain.oversight import actions, returns, reviews
from registry.domain.providers import page, panel
from registry.domain.training import ProgrammeContent
from registry.extensions import db
from registry.models import (
    Mediator,
    Organisation,
    OutcomeReturn,
    OversightReview,
    PanelMembership,
    TrainingProgramme,
    User,
)

PROGRAMMES = {
    "foundation": ProgrammeContent(
        title="Foundation certificate in SEND mediation",
        total_hours=Decimal(42),
        practical_hours=Decimal(22),
        delivery_mode="blended",
        assessment_method="observed_role_play",
        criteria_covered=("MS-1.1", "MS-2.1", "MS-4.1", "MS-5.1", "MS-6.1", "MS-7.1"),
        summary="Five days of teaching and role-play, ending with an observed assessed mediation.",
    ),
    "cpd_course": ProgrammeContent(
        title="Preparing for adulthood: SEND law update",
        total_hours=Decimal(3),
        practical_hours=Decimal(0),
        delivery_mode="online",
        assessment_method="attendance_only",
        criteria_covered=("MS-2.4",),
        log_hours={"send_law_policy_practice": Decimal(3)},
        summary="A half-day online update on transition to adulthood and post-16 provision.",
    ),
    "send_specialist": ProgrammeContent(
        title="SEND mediation for family and civil mediators",
        total_hours=Decimal(14),
        practical_hours=Decimal(4),
        delivery_mode="online",
        assessment_method="written",
        # criteria_covered: every criterion the level must cover, read from the standards in _training
        summary="Two days on SEND law, EHC plans and tribunal routes for experienced mediators.",
    ),
}

# GSS codes of the LAs the demo provider returns figures for: several regions, not all.
RETURN_AREAS = ("E08000035", "E08000039", "E06000023", "E09000033", "E10000030", "E08000025")
REVIEW_SUMMARY = (
    "The body applies the mediator standards consistently. Assessors' decisions were well evidenced and "
    "applications were decided within the published timescales. Records of reasons for suspension were "
    "brief in two cases; the body has agreed to use a fuller template."
)


@dataclass(frozen=True)
class ShowcaseCounts:
    programmes: int = 0
    completions: int = 0
    reviews: int = 0
    outcome_returns: int = 0
    commissioned_services: int = 0
    provider_pages: int = 0


def write_showcase(organisations: dict[str, Organisation], users: dict[str, User], seed: int) -> ShowcaseCounts:
    """Each missing part (see the module docstring), dated by the register's own (UK) calendar."""
    today = clock.today()
    programmes, completions = _training(organisations, users)
    return ShowcaseCounts(
        programmes=programmes,
        completions=completions,
        reviews=_oversight(organisations, users, today),
        outcome_returns=_returns(organisations["provider1"], users["provider@demo.test"], seed, today),
        commissioned_services=_commissioned_service(organisations, users),
        provider_pages=_provider_page(organisations, users),
    )


def _commissioned_service(organisations: dict[str, Organisation], users: dict[str, User]) -> int:
    la, provider = organisations["la"], organisations["provider1"]
    if commissioned_services.services_of({la.id}):
        return 0
    staff = users["provider@demo.test"]
    service = commissioned_services.ServiceInput(
        provider_name=provider.name,
        how_to_refer=(
            "Phone or email us and say you would like mediation advice about a decision of Sheffield City Council. "
            "Have your decision letter to hand. We will call you back within two working days."
        ),
        since=date(2023, 4, 1),
        email="sheffield@meadowbank-mediation.example",
        phone="0114 496 0123",
        website="https://meadowbank-mediation.example/sheffield",
        local_offer_url="https://sheffield-local-offer.example/send/disagreements",
    )
    proposed = commissioned_services.propose_service(provider, la.id, service, staff)
    commissioned_services.confirm_service(proposed, users["la@demo.test"])
    leeds = replace(
        service,
        how_to_refer="Phone us and say you would like mediation advice about a decision of Leeds City Council.",
        since=date(2025, 9, 1),
        email="leeds@meadowbank-mediation.example",
        website="https://meadowbank-mediation.example/leeds",
        local_offer_url="",
    )
    commissioned_services.propose_service(provider, organisations["la_leeds"].id, leeds, staff)
    return 2


def _provider_page(organisations: dict[str, Organisation], users: dict[str, User]) -> int:
    provider, staff = organisations["provider1"], users["provider@demo.test"]
    written = 0
    if provider.description is None:
        details = page.ProviderDetails(
            description=(
                "Meadowbank gives mediation advice and arranges SEND mediation for families and young people in "
                "Yorkshire and the Midlands. We offer meetings in person, by video or by phone, with interpreters "
                "and British Sign Language on request, and can meet in the evening."
            ),
            website="https://meadowbank-mediation.example",
            public_email="hello@meadowbank-mediation.example",
            public_phone="0114 496 0100",
        )
        page.update_details(provider, details, staff)
        written += 1
    mediator = db.session.scalars(select(Mediator).where(Mediator.user_id == users["mediator@demo.test"].id)).first()
    if mediator is None:
        return written
    memberships = list(db.session.scalars(select(PanelMembership).where(PanelMembership.mediator_id == mediator.id)))
    linked = {m.provider_id for m in memberships}
    asking = next((organisations[key] for key in PROVIDER_KEYS if organisations[key].id not in linked), None)
    # Only the loader's links so far (answered as they were asked): nobody has asked or answered since.
    if asking is not None and all(m.answered_at == m.asked_at for m in memberships):
        panel.ask(asking, mediator.registration_number, users["provider@demo.test"] if asking is provider else None)
        written += 1
    return written


def _training(organisations: dict[str, Organisation], users: dict[str, User]) -> tuple[int, int]:
    provider, trainer = organisations["trainer1"], users["trainer@demo.test"]
    if db.session.scalar(select(func.count()).where(TrainingProgramme.provider_id == provider.id)):
        return 0, 0
    registrar, body = users["registrar@demo.test"], organisations["body1"]
    specialist = standards.training_criteria().level("send_specialist")
    assert specialist is not None, "the training criteria define the SEND specialist level"
    must_cover = specialist.must_cover
    contents = {**PROGRAMMES, "send_specialist": replace(PROGRAMMES["send_specialist"], criteria_covered=must_cover)}
    made = {level: training.submit_programme(provider, trainer, level, content).programme
            for level, content in contents.items()}  # fmt: skip
    training.accredit(made["foundation"], registrar, body, public_note="Meets the foundation criteria in full.")
    training.accredit(made["cpd_course"], registrar, body)
    demo_mediator = db.session.scalars(
        select(Mediator).where(Mediator.user_id == users["mediator@demo.test"].id)
    ).first()
    completions = 0
    if demo_mediator is not None:
        training.record_completion(made["cpd_course"], trainer, demo_mediator.registration_number, clock.today())
        completions = 1
    return len(made), completions


def _oversight(organisations: dict[str, Organisation], users: dict[str, User], today: date) -> int:
    if db.session.scalar(select(func.count()).select_from(OversightReview)):
        return 0
    officer, body = users["oversight@demo.test"], organisations["body1"]
    year_ago = today - timedelta(days=365)
    annual = reviews.plan_review(
        reviews.ReviewPlan(
            "accrediting_body", "annual", f"Annual review of {body.name}", year_ago, today - timedelta(days=1),
            organisation_id=body.id, scope="A sample of 20 decisions and the body's records of reasons.",
        ),
        officer,
        today,
    )  # fmt: skip
    for index, criterion in enumerate(reviews.review_criteria(annual)):
        partly = index == 2
        reviews.record_finding(
            annual,
            criterion.code,
            "partially_met" if partly else "met",
            "Reasons for two suspensions were recorded in a line each; the register needs enough to explain "
            "the decision to oversight."
            if partly
            else "",
            officer,
        )
    reviews.publish_review(annual, REVIEW_SUMMARY, officer)
    actions.add_action(
        annual, body.id, "Adopt a template for recording the reasons for suspension and withdrawal decisions.",
        today + timedelta(days=60), officer, today,
    )  # fmt: skip
    provider = organisations["trainer1"]
    reviews.plan_review(
        reviews.ReviewPlan(
            "training_provider", "thematic", "Role-play assessment across training providers", year_ago, today,
            organisation_id=provider.id, scope="How observed assessments are marked and moderated.",
        ),
        officer,
        today,
    )  # fmt: skip
    return 2


def _complete_quarters(today: date, count: int) -> list[tuple[int, int]]:
    year, quarter = today.year, (today.month - 1) // 3 + 1
    quarters = []
    for _ in range(count):
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
        quarters.append((year, quarter))
    return quarters


def _figures(rng: random.Random) -> dict[str, object]:
    advice = rng.randint(20, 60)
    certificates = rng.randint(advice // 2, advice)
    held = rng.randint(advice // 4, advice // 2)
    full = rng.randint(held // 3, held // 2)
    partial = rng.randint(0, held - full)
    none = rng.randint(0, held - full - partial)
    return {
        "advice_contacts": advice,
        "mediation_chosen": min(advice, held + rng.randint(0, 3)),
        "certificates_issued": certificates,
        "mediations_held": held,
        "agreements_full": full,
        "agreements_partial": partial,
        "agreements_none": none,
        "health_social_care_cases": rng.randint(0, held // 3),
        "appeals_after_mediation": rng.randint(0, held // 5),
        "appeals_without_mediation": rng.randint(0, (advice - held) // 3),
    }


def _returns(provider: Organisation, actor: User, seed: int, today: date) -> int:
    if db.session.scalar(select(func.count()).where(OutcomeReturn.provider_id == provider.id)):
        return 0
    rng = random.Random(seed)
    written = 0
    for year, quarter in _complete_quarters(today, 4):
        for code in RETURN_AREAS:
            returns.submit(provider, returns.ReturnInput(code, year, quarter, _figures(rng)), actor, today)
            written += 1
    return written
