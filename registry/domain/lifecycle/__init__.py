"""The one accreditation lifecycle (DESIGN §4), shared by mediators and training programmes.

- ``machine``: the ``Lifecycle`` configuration (transitions table as data, the words of its
  refusals, the few hooks that differ per subject), ``next_state`` and the date rules.
- ``recorder``: ``Change``, ``check`` and ``record``, the one writer of events (event, cached
  state, audit event, then the subject's domain event), for every subject.
- ``decisions``: ``Answers`` (what a person gives with a decision), ``change_for`` and ``decide``
  for the decisions every subject shares, the lapse, and the daily job's ``lapse_expired``.
- ``history``: ``replay`` and ``states_on`` (valid time and record time), ``public_events``.

Each subject configures it once: ``registry.domain.accreditation.transitions`` (a mediator's
accreditation) and ``registry.domain.training.transitions`` (a programme's). This package imports
neither, so both may import it.
"""

from registry.domain.lifecycle.decisions import REQUIRED, Answers, change_for, decide, lapse, lapse_expired
from registry.domain.lifecycle.history import AccreditationState, fill_status_today, public_events, replay, states_on
from registry.domain.lifecycle.machine import (
    KEEP,
    RUNNING,
    Lifecycle,
    State,
    Transition,
    period_ending,
    renewed_until,
    replayed_columns,
    state_columns,
    years_on,
)
from registry.domain.lifecycle.recorder import Change, check, clean_text, record, required_text

__all__ = [
    "KEEP",
    "REQUIRED",
    "Answers",
    "RUNNING",
    "AccreditationState",
    "Change",
    "Lifecycle",
    "State",
    "Transition",
    "change_for",
    "check",
    "clean_text",
    "decide",
    "lapse",
    "lapse_expired",
    "period_ending",
    "fill_status_today",
    "public_events",
    "record",
    "renewed_until",
    "replay",
    "replayed_columns",
    "state_columns",
    "required_text",
    "states_on",
    "years_on",
]
