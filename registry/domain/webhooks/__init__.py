"""Webhooks for local authorities: the register tells an LA's own system, over HTTPS, as a change
it cares about is published (issue 16, item 5).

- ``subscriptions``: an LA officer registers an endpoint for one of the LA's active API keys, with a
  ``scope``: ``watchlist`` (changes of the mediators on the LA's watchlist) or ``area`` (changes of
  mediators who cover the LA, before or after the change). Pause, resume, delete.
- ``urls``: which addresses are accepted (HTTPS on the internet; never localhost or a private,
  loopback or link-local address, checked when registered and again, after DNS, at each delivery).
- ``sealing``: the per-subscription signing secret (``whsec_`` + base64 of 32 random bytes), shown
  once and stored only sealed with AES-GCM under a key derived from SECRET_KEY.
- ``signatures``: the Standard Webhooks signature (``webhook-id``, ``webhook-timestamp``,
  ``webhook-signature: v1,<base64 HMAC-SHA256>``).
- ``queue``: the subscriber to ``RegisterChangeRecorded`` that queues one delivery per matching
  subscription, in the change's own transaction; and the delivery log.
- ``sending``: ``flask webhooks deliver``: each due delivery POSTed once per run, retried with
  exponential backoff, the subscription paused after too many failures in a row.

Only mediators' changes (``mediator_entry``, ``mediator_left``) are delivered. Programme and
organisation changes stay in the public change feed: an LA commissions mediators, and a programme
or an organisation is no one LA's; sending every one of them to every subscription would be noise.

This package's ``__init__`` imports none of its modules, so no module here imports itself back.
"""
