"""New register entries get the next free registration number, never one already used."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from registry.domain.errors import DomainError
from registry.domain.mediators import register_mediator
from registry.domain.registration_numbers import format_number, is_valid
from registry.extensions import db
from registry.models import Mediator, User


def test_numbers_follow_the_highest_already_on_the_register(factories) -> None:
    factories.mediator(registration_number=format_number("SM", 500_000))
    first = register_mediator(factories.user(), "Ada", "Lovelace")
    second = register_mediator(factories.user(), "Bea", "Smith")
    assert first.registration_number == format_number("SM", 500_001)
    assert second.registration_number == format_number("SM", 500_002)
    assert is_valid(first.registration_number) and first.display_name == "Ada Lovelace"


def test_one_entry_per_person_and_names_required(factories) -> None:
    user = factories.user()
    register_mediator(user, "Ada", "Lovelace")
    with pytest.raises(DomainError, match="already has a register entry"):
        register_mediator(user, "Ada", "Again")
    with pytest.raises(DomainError, match="first name"):
        register_mediator(factories.user(), " ", "Smith")


def test_users_create_makes_a_mediator_entry(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=["users", "create", "--email", "new.mediator@example.test", "--name", "Nia Jones", "--role", "mediator"],
        input="long enough password\nlong enough password\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalars(select(User).where(User.email == "new.mediator@example.test")).one()
    mediator = db.session.scalars(select(Mediator).where(Mediator.user_id == user.id)).one()
    assert mediator.display_name == "Nia Jones"
