"""A mediator's professional log (DESIGN §3, LogEntry): CPD, supervision and practice.

- ``rules``: what an entry must be (one place for the form, CSV import and API).
- ``entries``: the mediator's own log: list, add, edit, delete, annotate, with evidence files.
- ``review``: the accrediting body's side: whose log a registrar sees, verify or reject.
- ``csv_io``: download the log as CSV; import entries, all or nothing, with per-row problems.
- ``personal_data``: everything held about the mediator, for their JSON download.
- ``vocabulary``: issue types and outcome bands for practice entries.
"""

from registry.domain.logbook.csv_io import ImportRefused, decode_upload, export_csv, import_csv
from registry.domain.logbook.entries import (
    InvalidEntry,
    add_entry,
    annotate,
    check_draft,
    delete_entry,
    edit_entry,
    log_page,
    own_entry,
)
from registry.domain.logbook.personal_data import personal_data
from registry.domain.logbook.review import (
    LogOwner,
    entry_for_review,
    log_owner,
    review,
    review_queue,
)
from registry.domain.logbook.rules import EntryDraft, Problem, parse_hours

__all__ = [
    "EntryDraft",
    "ImportRefused",
    "InvalidEntry",
    "LogOwner",
    "Problem",
    "add_entry",
    "annotate",
    "check_draft",
    "decode_upload",
    "delete_entry",
    "edit_entry",
    "entry_for_review",
    "export_csv",
    "import_csv",
    "log_owner",
    "log_page",
    "own_entry",
    "parse_hours",
    "personal_data",
    "review",
    "review_queue",
]
