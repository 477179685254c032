"""The policy predicates are pure: they read roles, never the request or the database."""

from __future__ import annotations

from types import SimpleNamespace

from registry.auth import policy


def person(*roles: tuple[str, int | None]) -> SimpleNamespace:
    return SimpleNamespace(
        id=1, is_authenticated=True, roles=[SimpleNamespace(role=r, organisation_id=o) for r, o in roles]
    )


def test_registrar_decides_only_for_their_own_body() -> None:
    registrar = person(("registrar", 10))
    assert policy.can_decide_accreditation(registrar, SimpleNamespace(body_id=10))
    assert not policy.can_decide_accreditation(registrar, SimpleNamespace(body_id=11))
    assert not policy.can_decide_accreditation(person(("oversight", 3)), SimpleNamespace(body_id=10))
    assert not policy.can_decide_accreditation(None, SimpleNamespace(body_id=10))


def test_private_history_is_for_the_body_and_oversight() -> None:
    accreditation = SimpleNamespace(body_id=10)
    assert policy.can_view_private_history(person(("registrar", 10)), accreditation)
    assert policy.can_view_private_history(person(("oversight", 3)), accreditation)
    assert not policy.can_view_private_history(person(("registrar", 11)), accreditation)
    assert not policy.can_view_private_history(person(("la_officer", 20), ("mediator", None)), accreditation)


def test_one_person_can_hold_several_roles() -> None:
    both = person(("trainer", 5), ("registrar", 10))
    assert policy.roles_of(both) == ["registrar", "trainer"]
    assert policy.has_capability(both, "record_completions")
    assert policy.organisations_with(both, "decide_accreditations") == {10}
