"""FlatList dumps a bulk check's items as marshmallow's own dump of the same schema would."""

from __future__ import annotations

from datetime import date

import marshmallow as ma
import pytest
from marshmallow import fields

from registry.api.schemas.common import FlatList
from registry.api.schemas.privileged import CheckItemSchema
from registry.domain.checks import CheckItem

ITEMS = [
    CheckItem(
        1, "SM-000001-X", "SM-000001-X", "accredited", "Ann Example", date(2027, 1, 2), None, False, date(2025, 1, 3)
    ),
    CheckItem(
        2,
        "sm 000002 1",
        "SM-000002-8",
        "accredited_with_conditions",
        "Bo",
        date(2027, 5, 1),
        "Supervised",
        True,
        date(2024, 2, 2),
        date(2023, 1, 1),
    ),  # fmt: skip
    CheckItem(3, "SM-000003-0", "SM-000003-6", "suspended", "Cy", date(2026, 1, 1), None, None, date(2026, 11, 30)),
    CheckItem(4, "nonsense", None, "invalid_number"),
    CheckItem(5, "SM-000001-0", None, "invalid_number"),
    CheckItem(6, "SM-999999-0", "SM-999999-0", "not_found"),
]


def test_the_flat_dump_is_marshmallows_own() -> None:
    class Flat(ma.Schema):
        items = FlatList(CheckItemSchema)

    class General(ma.Schema):
        items = fields.List(fields.Nested(CheckItemSchema))

    flat, general = Flat().dump({"items": ITEMS}), General().dump({"items": ITEMS})
    assert flat == general
    assert flat["items"][4]["message"] and flat["items"][0]["valid_until"] == "2027-01-02"


def test_a_schema_it_cannot_dump_flat_is_refused_at_start_up() -> None:
    class Nested(ma.Schema):
        when = fields.AwareDateTime()

    with pytest.raises(TypeError, match="FlatList cannot dump when"):
        FlatList(Nested)
