"""Consulting on draft standards (issue 21): a draft version open to public comment, criterion by
criterion; the working group's reading of the responses and its response; publication.

- ``reading``: the consultations and their drafts as the public pages show them, and the diff.
- ``responses``: the public's responses, verified by email before they count.
- ``working_group``: counts per criterion, themes, hiding, the CSV export and the written response.

What ``flask standards import`` does with a draft is ``registry.domain.drafts``, outside this package:
``registry.domain.standards`` calls it, and this package reaches the standards through it. Callers pass
the ``StandardsLibrary`` where one is needed. ``__init__`` imports none of its modules.
"""
