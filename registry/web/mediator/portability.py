"""The mediator's data: download the log as CSV, import entries from CSV, download everything as JSON,
and download their accreditation credential."""

from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import requires
from registry.domain import clock, logbook
from registry.domain.credentials import issuing
from registry.domain.csv_cells import RowProblem
from registry.domain.errors import NotFound
from registry.web.mediator.blueprint import bp
from registry.web.mediator.common import this_mediator
from registry.web.mediator.forms.misc import ImportForm
from registry.web.refusals import show_message, show_refusal

MAX_CSV_BYTES = 2 * 1024 * 1024


def _download(body: str, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/your-data")
@requires("keep_own_log")
def your_data() -> ResponseReturnValue:
    this_mediator()
    return render_template("mediator/your-data.html", form=ImportForm(), problems=[])


@bp.get("/log/export.csv")
@requires("keep_own_log")
def export_log() -> ResponseReturnValue:
    mediator = this_mediator()
    filename = f"log-{mediator.registration_number}-{clock.today().isoformat()}.csv"
    return _download(logbook.export_csv(mediator), "text/csv; charset=utf-8", filename)


@bp.get("/your-data.json")
@requires("keep_own_log")
def download_data() -> ResponseReturnValue:
    mediator = this_mediator()
    body = json.dumps(logbook.personal_data(mediator, current_user), indent=2, ensure_ascii=False)
    return _download(body, "application/json", f"register-data-{mediator.registration_number}.json")


@bp.get("/credential.jwt")
@requires("keep_own_log")
def download_credential() -> ResponseReturnValue:
    """The mediator's accreditation credential (VC-JWT), as ``/api/v1/mediators/{number}/credential``."""
    mediator = this_mediator()
    try:
        token = issuing.mediator_credential(mediator.registration_number)
    except NotFound as error:
        flash(str(error), "info")
        return redirect(url_for("mediator.your_data"))
    return _download(token, issuing.MEDIA_TYPE, f"{mediator.registration_number}-credential.jwt")


@bp.post("/log/import")
@requires("keep_own_log")
def import_log() -> ResponseReturnValue:
    mediator = this_mediator()
    form = ImportForm()
    problems: list[RowProblem] = []
    file = form.csv_file.data
    if not form.validate_on_submit() or not file or not file.filename:
        show_message(form, "csv_file", "Choose a CSV file to import")
    else:
        content = file.stream.read(MAX_CSV_BYTES + 1)
        try:
            with unit_of_work.attempt():
                if len(content) > MAX_CSV_BYTES:
                    raise logbook.ImportRefused([], "The file must be 2 MB or smaller.")
                count = logbook.import_csv(mediator, current_user, logbook.decode_upload(content))
        except logbook.ImportRefused as refused:
            problems = refused.problems
            show_refusal(form, refused, "csv_file")
        else:
            flash(f"{count} {'entry' if count == 1 else 'entries'} imported into your log", "success")
            return redirect(url_for("mediator.log"))
    return render_template("mediator/your-data.html", form=form, problems=problems)
