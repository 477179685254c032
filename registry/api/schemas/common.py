"""Schemas every resource shares: the RFC 9457 problem, pagination arguments and page envelopes."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from registry.domain.control_characters import SINGLE_LINE_PATTERN, refusal
from registry.domain.paging import LAST_PAGE

MAX_PER_PAGE = 100
MAX_PAGE = LAST_PAGE  # see registry.domain.paging
# Text people send: no control characters (PostgreSQL refuses NUL; see registry.domain.control_characters).
SAFE_TEXT = SINGLE_LINE_PATTERN
LA_CODE = re.compile(r"^\s*([Ee]\d{8}|\d{3})\s*$")
# The shapes the spec declares (a generated client can check them before it sends). A number of the
# right shape may still have the wrong check character (a 422 that says it looks mistyped), and a
# well-formed LA code may name no LA (a 422): no pattern can say either.
LA_CODE_PATTERN = r"^\s*([Ee][0-9]{8}|[0-9]{3})\s*$"


def number_pattern(prefix: str) -> str:
    """A registration number's or programme reference's shape: prefix, six digits, check character,
    in any case, with or without hyphens."""
    return rf"^[{prefix[0]}{prefix[0].lower()}][{prefix[1]}{prefix[1].lower()}]-?[0-9]{{6}}-?[0-9Xx]$"


REGISTRATION_NUMBER_DESCRIPTION = (
    "A mediator's registration number, `SM-` + 6 digits + `-` + a check character (ISO 7064 MOD 11-2, "
    "`0`–`9` or `X`). Any case, with or without hyphens and spaces. A number with a wrong check "
    "character is answered with a 422 problem saying it looks mistyped."
)


class PlainText(fields.String):
    """Free text people send, in a query or a JSON body (a search, registration numbers in any form).

    A control character in it is a 422 whose error points at the value (``#/numbers/3``), never a
    database error; the spec documents the rule as the string's ``pattern``. (Strings checked
    against a list or a pattern of their own, like codes, cannot hold one anyway.)
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.insert(0, validate.Regexp(SAFE_TEXT, error=refusal("this value")))


class ProblemErrorSchema(ma.Schema):
    location = fields.String(
        required=True,
        validate=validate.OneOf(["body", "query", "path", "header"]),
        metadata={"description": "Where the problem is: in the body, the query string, the path or a header."},
    )
    pointer = fields.String(
        required=True,
        metadata={"description": "A JSON pointer (RFC 6901, as a URI fragment) to the value.", "example": "#/per_page"},
    )
    detail = fields.String(
        required=True, metadata={"example": "Must be greater than or equal to 1 and less than or equal to 100."}
    )


class ChoiceSchema(ma.Schema):
    """A local authority a `where` may mean (``registry.domain.places.where.Option``)."""

    label = fields.String(required=True, metadata={"example": "Newport, Isle of Wight"})
    gss_code = fields.String(required=True, attribute="area.gss_code", metadata={"example": "E06000046"})
    name = fields.String(required=True, attribute="area.name", metadata={"example": "Isle of Wight"})


class ProblemSchema(ma.Schema):
    """An RFC 9457 problem document."""

    class Meta:
        unknown = ma.INCLUDE

    type = fields.String(required=True, metadata={"description": "A URI naming the kind of problem."})
    title = fields.String(
        required=True, metadata={"description": "A short summary, the same for every problem of this type."}
    )
    status = fields.Integer(required=True, metadata={"description": "The HTTP status code.", "example": 422})
    detail = fields.String(metadata={"description": "What went wrong this time, in plain English."})
    errors = fields.List(
        fields.Nested(ProblemErrorSchema),
        metadata={"description": "For invalid requests: each value that is wrong, and why."},
    )
    choices = fields.List(
        fields.Nested(ChoiceSchema),
        metadata={
            "description": "For a `where` the register could not settle on one local authority: the ones it may "
            "mean (`where-ambiguous`) or the nearest names it knows (`where-not-found`). Search again with the "
            "chosen one's `gss_code` as `local_authority`."
        },
    )


class PageQuerySchema(ma.Schema):
    page = fields.Integer(
        load_default=1, validate=validate.Range(1, MAX_PAGE), metadata={"description": "Page number, from 1."}
    )
    per_page = fields.Integer(
        load_default=20,
        validate=validate.Range(1, MAX_PER_PAGE),
        metadata={"description": f"Items per page, at most {MAX_PER_PAGE}."},
    )


class ReferencePageQuerySchema(PageQuerySchema):
    """Reference lists are short: a whole list fits on one or two pages by default."""

    per_page = fields.Integer(
        load_default=MAX_PER_PAGE,
        validate=validate.Range(1, MAX_PER_PAGE),
        metadata={"description": f"Items per page, at most {MAX_PER_PAGE}."},
    )


class PageSchema(ma.Schema):
    """The envelope of every paginated list; subclasses add ``items``."""

    page = fields.Integer(required=True, metadata={"example": 1})
    per_page = fields.Integer(required=True, attribute="page_size", metadata={"example": 20})
    total = fields.Integer(required=True, metadata={"description": "How many items there are in all.", "example": 57})
    has_more = fields.Boolean(required=True, metadata={"description": "Whether there is a next page."})


def local_authority_code(**metadata: object) -> fields.String:
    """A query parameter naming an LA by any of its codes.

    Documented with its ``pattern`` and a ``format``: a well-formed code may name no LA (a 422),
    which no pattern can say. The shape is still checked here before any query.
    """

    def well_formed(value: str) -> None:
        if not LA_CODE.match(value):
            raise ma.ValidationError("Give a GSS code like E08000039 or a 3-digit DfE code like 373.")

    return fields.String(
        validate=well_formed, metadata={"format": "local-authority-code", "pattern": LA_CODE_PATTERN, **metadata}
    )


# What each simple field does to a value when it dumps it (marshmallow's own conversions).
_FLAT_CONVERSIONS: dict[type[fields.Field], Callable[[Any], Any]] = {
    fields.Date: lambda value: value.isoformat(),
    fields.String: str,
    fields.Integer: int,
    fields.Boolean: bool,
}


class FlatList(fields.List):
    """A list of a flat schema's objects (strings, integers, booleans and dates only), dumped by a
    plan worked out once from that schema's own fields instead of by marshmallow per object.

    A bulk check answers 1,000 items, and marshmallow's general dump of each one cost more than
    checking the numbers. The schema stays the contract (the spec documents it; loading still uses
    it); the plan reads its fields, data keys and attributes, so the two cannot drift, and a field of
    any other type refuses at start-up. A test holds the output to marshmallow's own dump.
    """

    def __init__(self, schema: type[ma.Schema], **kwargs: Any) -> None:
        super().__init__(fields.Nested(schema), **kwargs)
        self._plan = [_flat_step(name, field) for name, field in schema().dump_fields.items()]

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> list[dict[str, Any]] | None:
        if value is None:
            return None
        plan = self._plan
        return [
            {key: (None if (v := getattr(item, attribute)) is None else convert(v)) for key, attribute, convert in plan}
            for item in value
        ]


def _flat_step(name: str, field: fields.Field) -> tuple[str, str, Callable[[Any], Any]]:
    for kind in type(field).__mro__:
        if kind in _FLAT_CONVERSIONS:
            return field.data_key or name, field.attribute or name, _FLAT_CONVERSIONS[kind]
    raise TypeError(f"FlatList cannot dump {name}, a {type(field).__name__}: use fields.List(fields.Nested(...))")
