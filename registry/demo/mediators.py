"""Drafting demo mediators: profile, independence declarations and accreditation histories. Pure.

Every mediator has its own ``random.Random`` seeded from the demo seed and its serial, so mediator
``n`` is identical however many are drafted, which is what lets a later, larger run top up.
Which status a mediator's history ends in comes from a shuffled block of 20 (14 accredited, one of
each other status), so any 20 consecutive mediators cover every status; the rarer endings
alternate between the two accrediting bodies from block to block, so from 40 mediators on both
bodies have mediators in every status (and the first body has an application waiting).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from random import Random
from typing import Any

from registry.demo.catalogue import Catalogue
from registry.demo.histories import histories_for
from registry.demo.lifecycle import Story
from registry.demo.profiles import Profile, draft_profile
from registry.domain.registration_numbers import format_number

DEMO_MEDIATOR_SERIAL = 1
DEMO_MEDIATOR_AREAS = ("E08000039", "E08000038", "E08000017", "E08000018")  # Sheffield, Barnsley, Doncaster, Rotherham
STATUS_BLOCK = (
    ("accredited",) * 11
    + ("accredited_with_conditions",) * 2
    + ("reinstated_after_lapse", "applied", "refused", "suspended", "lapsed", "withdrawn", "resigned")
)
SPREAD_OVER_BODIES = (  # every ending but plain "accredited"
    "accredited_with_conditions", "reinstated_after_lapse", "applied", "refused", "suspended", "lapsed", "withdrawn",
    "resigned",
)  # fmt: skip
FORMER_LA_ROLES = ("SEND case officer", "SEND team manager", "educational psychologist", "inclusion adviser")


@dataclass
class MediatorDraft:
    serial: int
    registration_number: str
    profile: Profile
    body_slot: int  # 0 for the first demo accrediting body, 1 for the second
    declarations: list[dict[str, Any]]  # organisation_slot indexes the demo mediation providers
    stories: list[Story]


@lru_cache(maxsize=32)
def _block(seed: int, block: int) -> tuple[str, ...]:
    targets = list(STATUS_BLOCK)
    Random(seed * 7919 + block).shuffle(targets)
    if block == 0:  # the demo mediator (serial 1) takes an "accredited" slot
        swap = targets.index("accredited")
        targets[0], targets[swap] = targets[swap], targets[0]
    return tuple(targets)


def target_for(seed: int, serial: int) -> str:
    return _block(seed, (serial - 1) // len(STATUS_BLOCK))[(serial - 1) % len(STATUS_BLOCK)]


def _declaration(kind: str, started_on: date, description: str, **body: Any) -> dict[str, Any]:
    row = {"local_authority_id": None, "organisation_slot": None, "other_body": None, "ended_on": None}
    return row | body | {"kind": kind, "started_on": started_on, "description": description}


def _declarations(rng: Random, catalogue: Catalogue, profile: Profile, today: date) -> list[dict[str, Any]]:
    served = {area.gss_code for area in profile.areas}
    nearby = catalogue.by_region[profile.region]
    unserved = [area for area in nearby if area.gss_code not in served] or nearby
    started = today - timedelta(days=rng.randint(200, 3000))
    roll = rng.random()
    if roll < 0.04:
        la = rng.choice(unserved)
        began = today - timedelta(days=rng.randint(6 * 365, 20 * 365))
        ended = min(began + timedelta(days=rng.randint(2 * 365, 8 * 365)), today - timedelta(days=400))
        role = rng.choice(FORMER_LA_ROLES)
        text = f"I was employed by {la.name} as a {role}. That job ended in {ended.year}."
        return [_declaration("employment", began, text, local_authority_id=la.id, ended_on=ended)]
    if roll < 0.06:
        place = rng.choice(profile.areas).name.split(",")[0]
        text = "My partner is a designated clinical officer for this ICB, which is sometimes a party to mediations."
        return [_declaration("conflict", started, text, other_body=f"NHS {place} Integrated Care Board")]
    if roll < 0.075:
        trust = f"{rng.choice(catalogue.family_names)} Learning Trust"
        text = "I am an unpaid trustee of this academy trust, which runs two special schools."
        return [_declaration("conflict", started, text, other_body=trust)]
    if roll < 0.08:
        la = rng.choice(unserved)
        text = f"My sister works in the SEND team at {la.name}. I do not take mediations in {la.name}."
        return [_declaration("conflict", started, text, local_authority_id=la.id)]
    if roll < 0.11 and profile.provider_slots:
        text = "I am employed part time by this mediation provider as a sessional mediator."
        return [_declaration("employment", started, text, organisation_slot=profile.provider_slots[0])]
    return []


def _demo_declarations(catalogue: Catalogue, today: date) -> list[dict[str, Any]]:
    """The demo sign-in's mediator once worked for Derbyshire's SEND team."""
    former = catalogue.by_gss.get("E10000007")  # Derbyshire
    if former is None:
        return []
    began = date(today.year - 12, 9, 1)
    text = f"I was employed by {former.name} as a SEND case officer. That job ended in {today.year - 7}."
    return [_declaration("employment", began, text, local_authority_id=former.id, ended_on=date(today.year - 7, 8, 31))]


def draft_mediator(seed: int, serial: int, catalogue: Catalogue, today: date) -> MediatorDraft:
    rng = Random(seed * 1_000_003 + serial)
    demo = serial == DEMO_MEDIATOR_SERIAL
    fixed_areas = [catalogue.by_gss[code] for code in DEMO_MEDIATOR_AREAS if code in catalogue.by_gss] if demo else None
    profile = draft_profile(rng, catalogue, serial, today.year, areas=fixed_areas)
    if demo:
        profile.provider_slots = [0]  # the demo mediation provider's panel includes the demo mediator
        declarations = _demo_declarations(catalogue, today)
    else:
        declarations = _declarations(rng, catalogue, profile, today)
    target = target_for(seed, serial)
    body_slot = 0 if rng.random() < 0.55 else 1
    if demo:
        body_slot = 0
    elif target in SPREAD_OVER_BODIES:  # alternate by block, so both bodies see every status
        body_slot = ((serial - 1) // len(STATUS_BLOCK) + SPREAD_OVER_BODIES.index(target)) % 2
    stories = histories_for(rng, today, target, established=demo)
    return MediatorDraft(serial, format_number("SM", serial), profile, body_slot, declarations, stories)
