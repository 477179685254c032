"""Who reacts to which domain event (``registry.domain.events``): the one table, wired by ``create_app``.

- ``AccreditationEventRecorded`` → ``notifications.notify_watchers``: every active officer of every
  LA watching the mediator gets a notification, queued in the transaction that records the event;
  and → ``area_alerts.queue_alerts``: every confirmed email alert of every LA the mediator covers.
- Every event that concerns someone's work (an accreditation or programme event, a renewal asked
  for, a log entry reviewed, a concern raised) → ``role_notifications``: a notification in the
  inbox of each person it concerns (``role_notifications.subscribe`` lists them).
- ``AccreditationEventRecorded`` and ``ProgrammeEventRecorded`` → ``credentials.status``: the
  subject's bits on the credential status lists (suspended, lapsed, withdrawn; cleared on
  reinstatement), set in the transaction that records the event.
- ``StandardsPublished`` (a version published after its consultation) → ``publication.publish_standards_version``:
  a ``standards_version`` change in the feed; and → ``role_notifications``: every mediator and LA officer.
- ``RegisterChangeRecorded`` → ``webhooks.queue.queue_deliveries``: one webhook delivery per active
  LA subscription the published change concerns, queued in the transaction that publishes it.

Nothing in the domain imports this module, so the recorders never import what reacts to them. The
change feed (``changes``) and the statistics read the events from the database and keep nothing to
invalidate: the public statistics' snapshot (``registry.web.published.cache``) is kept under the
register's version and the newest return revision, which every return sent moves on when it commits
(clearing it inside the transaction would let a request keep figures from before the commit).
"""

from __future__ import annotations

from flask import Flask

from registry.domain import area_alerts, events, notifications, publication, role_notifications
from registry.domain.credentials import status as credential_status
from registry.domain.webhooks import queue as webhook_queue


def domain_subscribers() -> events.Subscribers:
    subscribers = events.Subscribers()
    subscribers.subscribe(events.AccreditationEventRecorded, notifications.notify_watchers)
    subscribers.subscribe(events.AccreditationEventRecorded, area_alerts.queue_alerts)
    subscribers.subscribe(events.AccreditationEventRecorded, credential_status.on_accreditation_event)
    subscribers.subscribe(events.ProgrammeEventRecorded, credential_status.on_programme_event)
    subscribers.subscribe(events.RegisterChangeRecorded, webhook_queue.queue_deliveries)
    subscribers.subscribe(events.StandardsPublished, publication.publish_standards_version)
    role_notifications.subscribe(subscribers)
    return subscribers


def init_app(app: Flask) -> None:
    events.init_app(app, domain_subscribers())
