"""What an API schema shows, checked against the field registry (``registry.domain.visibility``).

A schema that shows fields of a record says so: ``@shows(Mediator)``, or ``@shows(BulkCheck,
to=LOCAL_AUTHORITY)`` for what a local authority's key reads. Each field it declares under the name
of one of the record's fields, or reads from one with ``attribute=``, must be one the registry lets
that audience see, or the import stops. ``tests/api/test_privacy.py`` checks every schema again
against the registry as it stands, and the fields no record judges by their names alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import marshmallow as ma

from registry.domain import visibility
from registry.domain.visibility import PUBLIC, Audience, NotShown
from registry.models.base import Base


@dataclass(frozen=True)
class Shows:
    records: tuple[type[Base], ...]
    to: Audience


SHOWN: dict[type[ma.Schema], Shows] = {}
SchemaClass = TypeVar("SchemaClass", bound=type[ma.Schema])


def names_read(schema: type[ma.Schema]) -> set[str]:
    """The names a schema's fields go by and read from: their own, ``data_key`` and ``attribute``'s first part."""
    names = set()
    for name, field in schema._declared_fields.items():
        names |= {name, field.data_key or name, (field.attribute or name).split(".")[0]}
    return names


def judged(schema: type[ma.Schema]) -> set[str]:
    """The names of ``schema`` that are fields of the records it shows (the others are its own)."""
    shown = SHOWN.get(schema)
    if shown is None:
        return set()
    return {name for name in names_read(schema) for record in shown.records if name in visibility.fields_of(record)}


def problems(schema: type[ma.Schema]) -> list[str]:
    """The fields ``schema`` shows that the registry, as it stands, does not let its audience see."""
    shown = SHOWN.get(schema)
    return [] if shown is None else _problems(schema, shown)


def _problems(schema: type[ma.Schema], shown: Shows) -> list[str]:
    found = []
    for record in shown.records:
        names = sorted(names_read(schema) & set(visibility.fields_of(record)))
        try:
            visibility.shown_to(shown.to, record, *names)
        except NotShown as refusal:
            found.append(f"{schema.__name__}: {refusal}")
    return found


def shows(*records: type[Base], to: Audience = PUBLIC) -> Callable[[SchemaClass], SchemaClass]:
    """Class decorator: ``schema`` shows fields of ``records`` to ``to`` (see the module docstring)."""

    def declare(schema: SchemaClass) -> SchemaClass:
        shown = Shows(records, to)
        found = _problems(schema, shown)
        if found:
            raise NotShown("; ".join(found))
        SHOWN[schema] = shown
        return schema

    return declare
