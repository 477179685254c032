"""Oversight of the register (DESIGN §2, issue 9).

- ``criteria``: what a review is judged against.
- ``reviews``: plan a review, record findings, publish a plain-English summary.
- ``actions``: actions for an owner organisation, its responses, the daily overdue flag.
- ``audit_sampling``: reproducible CPD audit samples and the outcome per mediator.
- ``concern_handling``: triage, notes and outcomes of concerns; the public status by reference.
- ``returns`` and ``returns_csv``: mediation providers' quarterly outcome returns, with revisions.
- ``statistics``: the sector statistics, computed with aggregate SQL.
- ``notices``: the messages all of these send.
"""
