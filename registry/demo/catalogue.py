"""What demo mediators are made from: pools of names and streets (Faker ``en_GB``, fixed seed),
the vocabulary codes and the local authorities grouped by region.

Faker is slow per call, so it fills fixed-size pools once and mediators combine pool entries with
their own ``random.Random``. Pool sizes never depend on how many mediators are made, so mediator
``n`` is the same whether 60 or 100,000 are loaded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from faker import Faker

FALLBACK_SPECIALISMS = (
    "autism",
    "social_emotional_mental_health",
    "health_and_social_care",
    "post_16",
    "sensory_impairment",
    "speech_language_communication",
)
SPECIALISM_WEIGHTS = {
    "autism": 5,
    "social_emotional_mental_health": 4,
    "school_age": 4,
    "speech_language_communication": 3,
    "post_16": 2.5,
    "learning_disability": 2,
    "health_care_elements": 2,
    "early_years": 1.5,
    "social_care_elements": 1.5,
    "looked_after_children": 1,
    "out_of_school": 1,
    "youth_justice": 0.4,
}
# Languages besides English, and how often a mediator offers one.
LANGUAGE_WEIGHTS = {
    "cy": 4, "ur": 4, "bfi": 3, "pa": 3, "pl": 3, "bn": 2.5, "gu": 1, "ar": 1, "fr": 1, "es": 0.8,
    "so": 0.7, "ro": 0.7, "uk": 0.6, "tr": 0.5, "pt": 0.5, "lt": 0.4, "ta": 0.4, "cmn": 0.4, "yue": 0.3,
}  # fmt: skip
# Names that go with some languages, so a Panjabi-speaking mediator is not always "Jack Smith".
NAMES_BY_LANGUAGE = {
    "cy": (("Siân", "Rhys", "Cerys", "Gareth", "Eleri", "Dafydd", "Ffion", "Owain", "Nia", "Iwan"),
           ("Jones", "Evans", "Davies", "Griffiths", "Pritchard", "Llewellyn", "Morgan", "Rees")),
    "ur": (("Amina", "Imran", "Farah", "Tariq", "Nadia", "Asif", "Saima", "Bilal"),
           ("Khan", "Hussain", "Iqbal", "Akhtar", "Mahmood", "Qureshi", "Butt")),
    "pa": (("Harpreet", "Gurpreet", "Manjit", "Jaspal", "Navdeep", "Simran", "Kuldip"),
           ("Sandhu", "Gill", "Dhillon", "Bains", "Sidhu", "Johal")),
    "bn": (("Shirin", "Nazia", "Kamal", "Rezaul", "Taslima", "Abdul", "Jahanara"),
           ("Rahman", "Begum", "Uddin", "Chowdhury", "Miah", "Islam", "Ali")),
    "pl": (("Agnieszka", "Katarzyna", "Tomasz", "Marta", "Paweł", "Joanna", "Piotr"),
           ("Nowak", "Wójcik", "Kaczmarek", "Mazur", "Krawczyk", "Kubiak")),
}  # fmt: skip
NEIGHBOURING_REGIONS = {
    "E12000001": ("E12000002", "E12000003"),
    "E12000002": ("E12000001", "E12000003", "E12000005"),
    "E12000003": ("E12000001", "E12000002", "E12000004"),
    "E12000004": ("E12000003", "E12000005", "E12000006"),
    "E12000005": ("E12000002", "E12000004", "E12000009"),
    "E12000006": ("E12000004", "E12000007", "E12000008"),
    "E12000007": ("E12000006", "E12000008"),
    "E12000008": ("E12000006", "E12000007", "E12000009"),
    "E12000009": ("E12000005", "E12000008"),
}


@dataclass(frozen=True)
class Area:
    id: int
    gss_code: str
    name: str
    region_code: str
    region_name: str


@dataclass
class Catalogue:
    given_names: list[str]
    family_names: list[str]
    streets: list[str]
    postcodes: list[str]
    specialisms: list[str]
    specialism_weights: list[float]
    languages: list[str]
    language_weights: list[float]
    areas: list[Area]
    by_region: dict[str, list[Area]] = field(default_factory=dict)
    regions: list[str] = field(default_factory=list)
    region_weights: list[int] = field(default_factory=list)
    by_gss: dict[str, Area] = field(default_factory=dict)

    def __post_init__(self) -> None:
        grouped: dict[str, list[Area]] = defaultdict(list)
        for area in self.areas:
            grouped[area.region_code].append(area)
        self.by_region = dict(sorted(grouped.items()))
        self.regions = list(self.by_region)
        self.region_weights = [len(v) for v in self.by_region.values()]
        self.by_gss = {area.gss_code: area for area in self.areas}


@lru_cache(maxsize=4)
def vocabulary(standards_path: Path) -> dict[str, list[str]]:
    """Codes from ``standards/vocabularies/1.0.yaml`` when it is there, else the fallback list."""
    source = standards_path / "vocabularies" / "1.0.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8")) if source.is_file() else {}
    codes = {key: [item["code"] for item in data.get(key) or []] for key in ("specialisms", "languages")}
    return {
        "specialisms": codes["specialisms"] or list(FALLBACK_SPECIALISMS),
        "languages": [c for c in LANGUAGE_WEIGHTS if not codes["languages"] or c in codes["languages"]],
    }


@lru_cache(maxsize=4)
def _pools(seed: int) -> tuple[tuple[str, ...], ...]:
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    given = [fake.first_name_female() for _ in range(400)] + [fake.first_name_male() for _ in range(350)]
    family = [fake.last_name() for _ in range(900)]
    streets = [fake.street_name() for _ in range(300)]
    postcodes = [fake.postcode() for _ in range(400)]
    return tuple(given), tuple(family), tuple(streets), tuple(postcodes)


def build_catalogue(seed: int, areas: list[Area], standards_path: Path) -> Catalogue:
    given, family, streets, postcodes = _pools(seed)
    codes = vocabulary(standards_path)
    return Catalogue(
        given_names=list(given),
        family_names=list(family),
        streets=list(streets),
        postcodes=list(postcodes),
        specialisms=list(codes["specialisms"]),
        specialism_weights=[SPECIALISM_WEIGHTS.get(code, 1) for code in codes["specialisms"]],
        languages=list(codes["languages"]),
        language_weights=[LANGUAGE_WEIGHTS[code] for code in codes["languages"]],
        areas=sorted(areas, key=lambda a: a.gss_code),
    )
