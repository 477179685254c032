"""The field registry (``registry.domain.visibility``) gives every field of its records an audience:
a new column or relationship fails here until someone says who may see it; and the templates read
only the fields of a mediator that the readers of their pages may see."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from jinja2 import nodes
from sqlalchemy import inspect

from registry.domain import visibility
from registry.domain.visibility import BODY, LOCAL_AUTHORITY, PRIVATE, PUBLIC, NotShown
from registry.models import Mediator


@pytest.mark.parametrize("model", visibility.records(), ids=lambda model: model.__name__)
def test_every_field_of_a_record_has_an_audience(model) -> None:
    assert visibility.unclassified(model) == set(), (
        f"{model.__name__}: give these an audience in registry/domain/visibility.py (or remove the stale ones)"
    )


def test_every_column_of_the_mediator_is_classified() -> None:
    columns = set(inspect(Mediator).columns.keys())
    assert columns <= set(visibility.FIELDS[Mediator])
    assert {"home_address", "private_email", "private_phone"} <= set(visibility.unpublished(Mediator))


def test_a_column_with_no_audience_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(visibility.FIELDS[Mediator], "bio")
    assert visibility.unclassified(Mediator) == {"bio"}
    with pytest.raises(NotShown, match=r"Mediator\.bio has no audience"):
        visibility.audience(Mediator, "bio")


def test_a_reader_that_names_a_field_its_audience_may_not_see_is_refused() -> None:
    assert visibility.public(Mediator, "display_name", "website") == ("display_name", "website")
    with pytest.raises(NotShown, match=r"Mediator\.home_address may not be shown to public"):
        visibility.public(Mediator, "display_name", "home_address")
    assert visibility.shown_to(BODY, Mediator, "home_address") == ("home_address",)


def test_audiences_run_from_the_widest_to_the_narrowest() -> None:
    assert list(visibility.Audience) == sorted(visibility.Audience)
    assert PUBLIC < LOCAL_AUTHORITY < BODY < PRIVATE


# Who sees the pages of each templates/ folder, at the widest (a folder with a public page is public).
TEMPLATE_READERS = {
    **dict.fromkeys(
        ("account", "account_links", "api", "check", "components", "concerns", "errors", "find", "guidance"),
        PUBLIC,
    ),
    **dict.fromkeys(("layouts", "local_authorities", "mediators", "public", "published", "standards"), PUBLIC),
    "notifications": PUBLIC,  # every signed-in person's inbox: it reads no mediator field
    **dict.fromkeys(("training", "verify"), PUBLIC),
    **dict.fromkeys(("api_keys", "la", "workspace"), LOCAL_AUTHORITY),
    **dict.fromkeys(("actions", "admin", "concern_handling", "log_review", "oversight", "programme_decisions"), BODY),
    **dict.fromkeys(("registrar", "returns", "trainer"), BODY),
    "providers": PUBLIC,  # a mediation provider's public page
    "provider": BODY,  # the provider's workspace: its panel, the LAs that commission it
    **dict.fromkeys(("applications", "mediator"), PRIVATE),  # the mediator's own workspace
}


def _mediator_fields_read(template: nodes.Template) -> set[str]:
    """``x`` of every ``mediator.x`` and ``….mediator.x`` the template reads."""
    return {
        node.attr
        for node in template.find_all(nodes.Getattr)
        if (isinstance(node.node, nodes.Name) and node.node.name == "mediator")
        or (isinstance(node.node, nodes.Getattr) and node.node.attr == "mediator")
    }


def test_templates_read_only_the_mediator_fields_their_readers_may_see(app: Flask) -> None:
    folder = Path(app.template_folder or "")
    assert {path.name for path in folder.iterdir() if path.is_dir()} == set(TEMPLATE_READERS)
    refused, read = [], set()
    for path in sorted(folder.rglob("*.html")):
        reader = TEMPLATE_READERS[path.relative_to(folder).parts[0]]
        fields = _mediator_fields_read(app.jinja_env.parse(path.read_text()))
        read |= fields
        for name in sorted(fields):
            if name not in visibility.fields_of(Mediator) or visibility.audience(Mediator, name) > reader:
                refused.append(f"{path.relative_to(folder)}: mediator.{name}")
    assert refused == []
    assert {"display_name", "public_email", "website", "bio"} <= read  # the walk found the public profile
