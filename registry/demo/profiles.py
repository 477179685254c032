"""One demo mediator's profile: names, contact details, bio, and what they offer. Pure: no database.

Phone numbers come from Ofcom's ranges reserved for drama, so none of them rings anyone; email
addresses and websites use the reserved ``example`` domains.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from random import Random

from registry.demo.catalogue import NAMES_BY_LANGUAGE, NEIGHBOURING_REGIONS, Area, Catalogue

SHEFFIELD = "E08000039"
YORKSHIRE = "E12000003"
LANDLINES = {  # Ofcom drama ranges: the prefix, then three digits
    "E12000001": "0191 498 0",
    "E12000002": "0161 496 0",
    "E12000003": "0113 496 0",
    "E12000004": "0115 496 0",
    "E12000005": "0121 496 0",
    "E12000007": "020 7946 0",
    "E12000009": "0117 496 0",
}
OTHER_LANDLINE = "01632 960"
MOBILE = "07700 900"
LANGUAGE_NAMES = {
    "cy": "Welsh", "bfi": "British Sign Language", "ur": "Urdu", "pa": "Panjabi", "pl": "Polish",
    "bn": "Bengali", "gu": "Gujarati", "ar": "Arabic", "fr": "French", "es": "Spanish", "so": "Somali",
    "ro": "Romanian", "uk": "Ukrainian", "tr": "Turkish", "pt": "Portuguese", "lt": "Lithuanian",
    "ta": "Tamil", "cmn": "Mandarin", "yue": "Cantonese",
}  # fmt: skip
BACKGROUNDS = (
    "a special educational needs coordinator (SENCo) in primary schools",
    "a teacher in a special school",
    "a family support worker",
    "a social worker in a children's disability team",
    "a speech and language therapist",
    "an independent supporter helping families through EHC needs assessments",
    "a learning support manager at a further education college",
    "a civil and workplace mediator",
    "a volunteer with a parent carer forum",
    "an educational psychologist",
)
APPROACHES = (
    "I make sure everyone in the meeting is heard, including the child or young person where they want to take part.",
    "I help families and local authorities focus on what the child needs, not on who is right.",
    "I explain each step in plain language and check that agreements are written down clearly before we finish.",
    "I will talk to you before the mediation so you know what to expect and who will be there.",
    "I am used to mediations where health and social care services need to be at the table too.",
)
FORMAT_WORDS = {"in_person": "in person", "video": "by video call", "phone": "by phone"}


@dataclass
class Profile:
    given_name: str
    family_name: str
    display_name: str
    region: str
    areas: list[Area]
    languages: list[str]
    formats: list[str]
    specialisms: list[str]
    provider_slots: list[int]  # indexes into the demo mediation providers
    contact: dict[str, str | None] = field(default_factory=dict)
    bio: str = ""
    takes_cases_anywhere: bool = False


# One mediator in 12 who meets by video or phone takes cases from anywhere in England; chosen by
# serial number, not by the random generator, so the rest of the demo register is unchanged.
ANYWHERE_EVERY = 12


def _ascii(text: str) -> str:
    return re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())


def _languages(rng: Random, catalogue: Catalogue) -> list[str]:
    extra = 0 if rng.random() >= 0.18 else (2 if rng.random() < 0.1 else 1)
    chosen = ["en"]
    for _ in range(extra):
        code = rng.choices(catalogue.languages, catalogue.language_weights)[0]
        if code not in chosen:
            chosen.append(code)
    return chosen


def _names(rng: Random, catalogue: Catalogue, languages: list[str]) -> tuple[str, str]:
    pools = NAMES_BY_LANGUAGE.get(languages[1]) if len(languages) > 1 else None
    if pools is not None and rng.random() < 0.8:
        return rng.choice(pools[0]), rng.choice(pools[1])
    return rng.choice(catalogue.given_names), rng.choice(catalogue.family_names)


def _areas(rng: Random, catalogue: Catalogue, region: str) -> list[Area]:
    """1 to 8 LAs, nearly all in the mediator's own region."""
    local = catalogue.by_region[region]
    count = rng.choices(range(1, 9), (10, 18, 22, 18, 12, 9, 6, 5))[0]
    chosen = set(rng.sample(local, min(count, len(local))))
    if region == YORKSHIRE and rng.random() < 0.5 and SHEFFIELD in catalogue.by_gss:
        chosen.add(catalogue.by_gss[SHEFFIELD])  # so the demo LA officer has mediators to look at
    if rng.random() < 0.12:
        neighbour = rng.choice(NEIGHBOURING_REGIONS.get(region, (region,)))
        chosen.add(rng.choice(catalogue.by_region.get(neighbour, local)))
    return sorted(chosen, key=lambda area: area.gss_code)[:8]


def _formats(rng: Random) -> list[str]:
    chosen = [code for code, chance in (("in_person", 0.75), ("video", 0.85), ("phone", 0.55)) if rng.random() < chance]
    return chosen or ["video"]


def _specialisms(rng: Random, catalogue: Catalogue) -> list[str]:
    count = rng.choices((1, 2, 3, 4), (20, 35, 30, 15))[0]
    chosen: list[str] = []
    for code in rng.choices(catalogue.specialisms, catalogue.specialism_weights, k=count * 3):
        if code not in chosen:
            chosen.append(code)
    return chosen[:count]


def _phone(rng: Random, prefix: str) -> str:
    return f"{prefix}{rng.randint(0, 999):03d}"


def _contact(rng: Random, catalogue: Catalogue, profile: Profile, serial: int) -> dict[str, str | None]:
    given, family = _ascii(profile.given_name), _ascii(profile.family_name)
    domain = rng.choice(("example.com", "example.org", "example.net"))
    home = profile.areas[0]
    town = "London" if home.region_code == "E12000007" else home.name.split(",")[0]
    street = f"{rng.randint(1, 180)} {rng.choice(catalogue.streets)}"
    return {
        "public_email": f"{given}.{family}@{domain}" if rng.random() < 0.75 else None,
        "public_phone": _phone(rng, LANDLINES.get(profile.region, OTHER_LANDLINE)) if rng.random() < 0.5 else None,
        "website": f"https://{family}-mediation.example" if rng.random() < 0.15 else None,
        "home_address": f"{street}\n{town}\n{rng.choice(catalogue.postcodes)}",
        "private_email": f"{given}{family}{serial % 1000}@example.net",
        "private_phone": _phone(rng, MOBILE),
    }


def _bio(rng: Random, profile: Profile, today_year: int) -> str:
    since = today_year - rng.randint(2, 18)
    places = [area.name.split(",")[0] for area in profile.areas[:3]]
    where = places[0] if len(places) == 1 else ", ".join(places[:-1]) + " and " + places[-1]
    formats = [FORMAT_WORDS[code] for code in profile.formats]
    meet = formats[0] if len(formats) == 1 else ", ".join(formats[:-1]) + " or " + formats[-1]
    parts = [
        f"I have mediated disagreements about special educational needs since {since}.",
        f"Before that I worked as {rng.choice(BACKGROUNDS)}.",
        rng.choice(APPROACHES),
        f"I work with families in {where}" + (" and nearby." if len(profile.areas) > 3 else "."),
        f"We can meet {meet}.",
    ]
    if "bfi" in profile.languages:
        parts.append("I am fluent in British Sign Language and can mediate in BSL without an interpreter.")
    elif len(profile.languages) > 1:
        names = " and ".join(LANGUAGE_NAMES.get(code, code) for code in profile.languages[1:])
        parts.append(f"I can also mediate in {names}.")
    return " ".join(parts)


def draft_profile(
    rng: Random, catalogue: Catalogue, serial: int, today_year: int, areas: list[Area] | None = None
) -> Profile:
    """A new profile; ``areas`` fixes the LAs served (and so the region) instead of choosing them."""
    languages = _languages(rng, catalogue)
    given, family = _names(rng, catalogue, languages)
    region = areas[0].region_code if areas else rng.choices(catalogue.regions, catalogue.region_weights)[0]
    title = "Dr " if rng.random() < 0.03 else ""
    profile = Profile(
        given_name=given,
        family_name=family,
        display_name=f"{title}{given} {family}",
        region=region,
        areas=areas or _areas(rng, catalogue, region),
        languages=languages,
        formats=_formats(rng),
        specialisms=_specialisms(rng, catalogue),
        provider_slots=sorted(rng.sample(range(3), rng.choices((0, 1, 2), (25, 55, 20))[0])),
    )
    profile.contact = _contact(rng, catalogue, profile, serial)
    profile.bio = _bio(rng, profile, today_year)
    profile.takes_cases_anywhere = serial % ANYWHERE_EVERY == 0 and bool({"video", "phone"} & set(profile.formats))
    return profile
