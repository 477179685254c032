"""Registration numbers: format, loose parsing, and the ISO 7064 MOD 11-2 check character."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.domain.registration_numbers import (
    InvalidRegistrationNumber,
    check_character,
    format_number,
    is_valid,
    normalise,
    parse,
)

serials = st.integers(min_value=1, max_value=999_999)
prefixes = st.sampled_from(["SM", "TP"])
ALPHABET = "0123456789X"


def test_known_numbers_from_the_design() -> None:
    assert format_number("SM", 4217) == "SM-004217-2"
    assert format_number("SM", 1) == "SM-000001-X"


def test_check_character_matches_the_iso_7064_reference_example() -> None:
    # ORCID's published example: 0000-0002-1694-233X has base digits 000000021694233 and check X.
    assert check_character("000000021694233") == "X"


@pytest.mark.parametrize("text", ["sm-004217-2", "SM 004217 2", "SM0042172", " sm004217-2 ", "SM–004217–2"])
def test_loose_input_is_accepted(text: str) -> None:
    assert normalise(text) == "SM-004217-2"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SM-004217-3", "looks mistyped"),
        ("SM-000000-0", "looks mistyped"),
        ("SM-04217-2", "in the form"),
        ("XX-004217-2", "in the form"),
        ("", "in the form"),
        ("SM-0042A7-2", "in the form"),
    ],
)
def test_bad_input_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidRegistrationNumber, match=message):
        parse(text)


def test_prefix_can_be_required() -> None:
    number = format_number("TP", 12)
    assert is_valid(number, "TP")
    with pytest.raises(InvalidRegistrationNumber, match="starts with SM-"):
        parse(number, "SM")


@given(prefixes, serials)
def test_every_formatted_number_round_trips(prefix: str, serial: int) -> None:
    number = format_number(prefix, serial)
    parsed = parse(number.lower().replace("-", " "))
    assert (parsed.prefix, parsed.serial) == (prefix, serial)
    assert str(parsed) == number


@given(prefixes, serials, st.integers(min_value=0, max_value=6), st.sampled_from(ALPHABET))
def test_every_single_substitution_is_rejected(prefix: str, serial: int, position: int, replacement: str) -> None:
    number = format_number(prefix, serial)
    body = number.replace("-", "")[2:]  # six digits and the check character
    if body[position] == replacement or (position < 6 and replacement == "X"):
        return  # not a substitution, or not a well-formed number at all
    mutated = body[:position] + replacement + body[position + 1 :]
    assert not is_valid(prefix + mutated)


@given(prefixes, serials, st.integers(min_value=0, max_value=5))
def test_every_adjacent_transposition_is_rejected(prefix: str, serial: int, position: int) -> None:
    body = format_number(prefix, serial).replace("-", "")[2:]
    if body[position] == body[position + 1]:
        return  # swapping equal characters changes nothing
    swapped = body[:position] + body[position + 1] + body[position] + body[position + 2 :]
    if "X" in swapped[:6]:
        return  # an X among the digits is rejected by the format, not the checksum
    assert not is_valid(prefix + swapped)


def test_exhaustive_over_a_sample_of_serials() -> None:
    """Every substitution and adjacent swap, for a spread of serials, deterministically."""
    for serial in range(1, 1_000_000, 9_973):
        body = format_number("SM", serial).replace("-", "")[2:]
        for i in range(7):
            for ch in ALPHABET if i == 6 else "0123456789":
                if ch != body[i]:
                    assert not is_valid("SM" + body[:i] + ch + body[i + 1 :])
        for i in range(6):
            if body[i] != body[i + 1] and "X" not in body[i : i + 2]:
                assert not is_valid("SM" + body[:i] + body[i + 1] + body[i] + body[i + 2 :])
