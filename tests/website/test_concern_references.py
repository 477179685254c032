"""Concern references are random (so nobody can walk through other people's concerns) and forgiving to type."""

from __future__ import annotations

import re

import pytest

from registry.domain.concerns import ConcernInput, normalise_reference, raise_concern

PATTERN = re.compile(r"^CN-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


def test_references_are_random_and_never_repeat(on_register) -> None:
    number = on_register().registration_number
    references = [
        raise_concern(ConcernInput("mediator", f"Concern {i}", registration_number=number)).reference for i in range(40)
    ]
    assert all(PATTERN.match(reference) for reference in references), references
    assert len(set(references)) == 40
    assert references != sorted(references)  # not a counter: 40 draws coming out in order is about 1 in 10^47


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("CN-7K3M-Q9XD", "CN-7K3M-Q9XD"),
        (" cn-7k3m-q9xd ", "CN-7K3M-Q9XD"),
        ("CN 7K3M Q9XD", "CN-7K3M-Q9XD"),
        ("cn7k3mq9xd", "CN-7K3M-Q9XD"),
        ("CN-OKIM-L9XD", "CN-0K1M-19XD"),
        ("CN-999999", "CN-999999"),
        ("", ""),
        (None, ""),
    ],
)
def test_typed_references_are_read_generously(typed: str | None, stored: str) -> None:
    assert normalise_reference(typed) == stored


def test_a_reference_typed_loosely_finds_the_concern(client, on_register) -> None:
    concern = raise_concern(ConcernInput("mediator", "Late", registration_number=on_register().registration_number))
    loose = concern.reference.lower().replace("-", " ")
    found = client.get(f"/concerns/follow?reference={loose}")
    assert found.status_code == 302 and found.location.endswith(f"/concerns/{concern.reference}")
