"""The "where" box on real data: postcodes from the ONS Postcode Directory (registry/data/postcodes.bin,
built by `make assets`), districts, towns and council names, resolved to the LA that runs SEND
services; the choices and messages when it cannot be one LA; never a failure, whatever is typed."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.domain.places import postcodes
from registry.domain.places.where import WhereNotUnderstood, resolve

# At least one per English region, with the cases that go wrong most easily.
REAL_POSTCODES = [
    ("NE1 4ST", "E08000021", "Newcastle upon Tyne"),  # North East
    ("DH1 3HP", "E06000047", "County Durham"),
    ("M1 1AE", "E08000003", "Manchester"),  # North West (outward code of two: "M1  1AE" in the directory)
    ("L1 8JQ", "E08000012", "Liverpool"),
    ("S10 2TN", "E08000039", "Sheffield"),  # Yorkshire and The Humber: Sheffield's May 2025 code
    ("HG1 2RD", "E06000065", "North Yorkshire"),  # a 2023 unitary (Harrogate district)
    ("NG1 5FS", "E06000018", "Nottingham"),  # East Midlands
    ("LE1 5FQ", "E06000016", "Leicester"),
    ("B1 1BB", "E08000025", "Birmingham"),  # West Midlands
    ("WR1 2EY", "E10000034", "Worcestershire"),  # two-tier: Worcester district → the county
    ("CB2 1TN", "E10000003", "Cambridgeshire"),  # East of England, two-tier: Cambridge → the county
    ("NR2 1NH", "E10000020", "Norfolk"),
    ("SW1A 1AA", "E09000033", "Westminster"),  # London
    ("EC2V 7HH", "E09000001", "City of London"),
    ("E1 6AN", "E09000001", "City of London"),  # its neighbours E1 6AA–6AL are Tower Hamlets
    ("E1 6AA", "E09000030", "Tower Hamlets"),
    ("OX1 3BD", "E10000025", "Oxfordshire"),  # South East, two-tier
    ("BN1 1GE", "E06000043", "Brighton and Hove"),
    ("TR21 0HE", "E06000053", "Isles of Scilly"),  # South West
    ("TA1 1HE", "E06000066", "Somerset"),  # 2023 unitary
    ("CA3 8QG", "E06000063", "Cumberland"),  # 2023 unitaries
    ("LA9 4DL", "E06000064", "Westmorland and Furness"),
]


@pytest.mark.parametrize(("typed", "gss_code", "name"), REAL_POSTCODES)
def test_real_postcodes_resolve_to_the_la_that_runs_send_services(typed: str, gss_code: str, name: str) -> None:
    for form in (typed, typed.lower(), typed.replace(" ", ""), f"  {typed.lower()}  "):
        understood = resolve(form)
        assert (understood.kind, understood.area.gss_code, understood.area.name) == ("postcode", gss_code, name)
    assert resolve(typed).description == f"{name} ({typed})"


def test_a_postcode_inside_a_pasted_address_is_found() -> None:
    assert resolve("Flat 2, 10 Something Street, Cambridge CB2 1TN").area.name == "Cambridgeshire"


@pytest.mark.parametrize(
    ("typed", "nation"),
    [("CF10 3NQ", "Wales"), ("LL57 2DG", "Wales"), ("EH1 1YZ", "Scotland"), ("BT1 1AA", "Northern Ireland")],
)
def test_postcodes_outside_england_say_the_register_covers_england(typed: str, nation: str) -> None:
    with pytest.raises(WhereNotUnderstood) as refused:
        resolve(typed)
    assert refused.value.reason == "outside_england" and refused.value.field == "where"
    england_only = "This register lists mediators for local authorities in England only"
    assert str(refused.value) == f"{typed} is in {nation}. {england_only}"


def test_districts_and_sectors_resolve_or_offer_each_la_they_span() -> None:
    assert (resolve("S10").kind, resolve("S10").description) == ("postcode_district", "Sheffield (S10)")
    assert resolve("s10 2").description == "Sheffield (S10 2)"
    with pytest.raises(WhereNotUnderstood) as refused:
        resolve("SY10")  # Oswestry: Shropshire, and part of Powys
    assert refused.value.reason == "ambiguous" and "outside England" in str(refused.value)
    assert [option.area.name for option in refused.value.options] == ["Shropshire"]


def test_an_unknown_postcode_suggests_its_district() -> None:
    with pytest.raises(WhereNotUnderstood) as refused:
        resolve("S10 9ZZ")
    assert refused.value.reason == "not_found"
    assert str(refused.value) == "We could not find the postcode S10 9ZZ. Check it, or choose the area of S10"
    assert [option.area.name for option in refused.value.options] == ["Sheffield"]
    with pytest.raises(WhereNotUnderstood, match="We could not find the postcode ZZ9 9ZZ"):
        resolve("ZZ9 9ZZ")


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Sheffield", "Sheffield"),
        ("Sheffield City Council", "Sheffield"),
        ("City of Sheffield", "Sheffield"),
        ("sheffeild", "Sheffield"),
        ("Kingston upon Hull", "Kingston upon Hull, City of"),
        ("Hull", "Kingston upon Hull, City of"),
        ("Bristol", "Bristol, City of"),
        ("Royal Borough of Greenwich", "Greenwich"),
        ("Hartlepol", "Hartlepool"),
        ("Cambridge", "Cambridgeshire"),  # a district council's town → the county
        ("City of Lincoln Council", "Lincolnshire"),
        ("E08000019", "Sheffield"),  # a former GSS code
        ("373", "Sheffield"),  # a DfE code
    ],
)
def test_places_council_names_codes_and_misspellings(typed: str, name: str) -> None:
    assert resolve(typed).area.name == name


def test_every_la_is_found_by_its_own_name() -> None:
    from registry.domain.places.areas import all_areas

    assert all(resolve(area.name).area == area for area in all_areas().values())


@pytest.mark.parametrize(
    ("typed", "message", "offered"),
    [
        ("Newport", "There is more than one Newport in England", "Newport, Isle of Wight"),
        ("Richmond", "There is more than one Richmond in England", "Richmond, Richmond upon Thames"),
        ("Mossley", "Mossley is close to the boundary between local authorities", "Oldham"),
        ("London", "London has 33 local authorities", "Tower Hamlets"),
    ],
)
def test_an_ambiguous_place_offers_the_choices_instead_of_guessing(typed: str, message: str, offered: str) -> None:
    with pytest.raises(WhereNotUnderstood) as refused:
        resolve(typed)
    assert refused.value.reason == "ambiguous" and str(refused.value).startswith(message)
    assert offered in [option.label for option in refused.value.options]


def test_an_unknown_place_gets_a_specific_message_and_suggestions() -> None:
    with pytest.raises(WhereNotUnderstood) as refused:
        resolve("Leedz")
    assert str(refused.value).startswith("We could not find a town, city or local authority in England called ‘Leedz’")
    assert [option.area.name for option in refused.value.options][:1] == ["Leeds"]
    with pytest.raises(WhereNotUnderstood) as empty:
        resolve("   ")
    assert empty.value.reason == "empty"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=120))
def test_any_text_is_understood_or_refused_with_a_reason(text: str) -> None:
    try:
        understood = resolve(text)
    except WhereNotUnderstood as refused:
        assert refused.reason in ("ambiguous", "not_found", "outside_england", "empty") and str(refused)
    else:
        assert understood.area.gss_code.startswith("E") and understood.description


def test_a_postcode_lookup_takes_well_under_5_ms() -> None:
    directory = postcodes.directory()
    keys = [postcodes.key(*typed.split()) for typed, _, _ in REAL_POSTCODES]
    started = time.perf_counter()
    for _ in range(100):
        for key in keys:
            assert directory.area_of(key)
    assert (time.perf_counter() - started) / (100 * len(keys)) < 0.005
