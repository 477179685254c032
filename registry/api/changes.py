"""``/api/v1/changes`` (the change feed) and ``/api/v1/exports/register.csv`` (the open-data export).

Load the export, note its sequence (the ``X-Register-Sequence`` header, and the
``register_sequence`` column on every row), then follow ``/changes?after=<sequence>`` and apply its
``updates``: nothing is missed in between (see ``registry.domain.changes`` and ``publication``).
"""

from __future__ import annotations

from typing import Any, TextIO

import marshmallow as ma
from flask import Response, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields, validate

from registry.api.contract import header_refs
from registry.api.conventions import reads_query
from registry.api.export_files import current_export, export_response
from registry.api.schemas.public import ChangeFeedSchema
from registry.auth.access import PUBLIC
from registry.domain import csv_cells
from registry.domain.changes import (
    ENTRY_FIELDS,
    MAX_FEED_LIMIT,
    RegisterEntry,
    changes_after,
    entry_record,
    register_snapshot,
)

blp = Blueprint(
    "changes",
    __name__,
    url_prefix="/api/v1",
    description="Follow every public change to the register, after loading the open-data export.",
)

EXPORT_COLUMNS = ("register_sequence", *ENTRY_FIELDS)


class ChangesQuerySchema(ma.Schema):
    after = fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=2**62),
        metadata={"description": "Return events with a sequence above this; 0 for the start."},
    )
    limit = fields.Integer(
        load_default=100,
        validate=validate.Range(1, MAX_FEED_LIMIT),
        metadata={"description": f"At most this many events (up to {MAX_FEED_LIMIT})."},
    )


@blp.route("/changes")
class ChangeFeed(MethodView):
    access_level = PUBLIC

    @reads_query(blp, ChangesQuerySchema, ChangeFeedSchema)
    def get(self, args: dict[str, int]) -> Any:
        """Everything public that changed after a cursor, in sequence order

        `updates`: each change to what the public register shows (a mediator's entry, a mediator
        leaving, a programme, an organisation), with the public fields after it; apply them to a
        copy of the export to keep it equal to the register. `items`: the public accreditation
        events. `checkpoints`: the register's signed audit checkpoints. All three are numbered in
        one sequence and `limit` counts them together. Never includes applications, refusals,
        private reasons or who recorded an event. Ask again with `after=next_after`; an empty page
        means you are up to date."""
        page = changes_after(args["after"], args["limit"])
        link = url_for("changes.ChangeFeed", after=page.next_after, limit=args["limit"], _external=True)
        return page, {"Link": f'<{link}>; rel="next"'}


def csv_cell(value: object) -> object:
    """A field of a public entry as an export cell: lists joined by ``;``, nothing as an empty cell."""
    if isinstance(value, list):
        return ";".join(value)
    return "" if value is None else value


def _row(sequence: int, entry: RegisterEntry) -> list[object]:
    record = entry_record(entry)
    return [sequence, *(csv_cell(record[name]) for name in ENTRY_FIELDS)]


@blp.route("/exports/register.csv")
class RegisterExport(MethodView):
    access_level = PUBLIC

    @blp.response(
        200,
        description=(
            "Everyone on the public register, one row per mediator, with their status today. Multi-valued "
            "columns are separated by `;`. Every row's `register_sequence` (and the `X-Register-Sequence` "
            "header) is the sequence of the last event included: follow `/changes?after=` it. Text that a "
            "spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, tab or carriage return) starts "
            "with an apostrophe `'`."
        ),
        content_type="text/csv",
        headers=header_refs("X-Register-Sequence", "X-Register-Rows", "Repr-Digest"),
        example=(
            "register_sequence,registration_number,name,status,...\r\n1042,SM-004217-2,Ada Lovelace,accredited,...\r\n"
        ),
    )
    def get(self) -> Response:
        """The open-data export of the public register (CSV)

        Built once per change of the register and served whole, with `Content-Length`, `ETag`,
        `X-Register-Rows` and `Repr-Digest`: a download that stops early is visibly incomplete, and
        `Range` resumes it."""
        return export_response(*current_export(_write_export))


def _write_export(out: TextIO) -> tuple[int, int]:
    """The whole export into ``out``: its sequence and how many mediators it lists."""
    snapshot = register_snapshot()
    writer = csv_cells.writer(out)  # names, contact details and conditions are people's text
    writer.writerow(EXPORT_COLUMNS)
    rows = 0
    for entry in snapshot.entries:
        writer.writerow(_row(snapshot.sequence, entry))
        rows += 1
    return snapshot.sequence, rows
