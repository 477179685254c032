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


WAITING = SimpleNamespace(provider_id=5, body_id=None)  # submitted, never decided
ACCREDITED_BY_10 = SimpleNamespace(provider_id=5, body_id=10)


def test_a_body_decides_only_on_programmes_it_accredits() -> None:
    first, second = person(("registrar", 10)), person(("registrar", 11))
    assert policy.can_decide_programme(first, ACCREDITED_BY_10)
    assert not policy.can_decide_programme(second, ACCREDITED_BY_10), "a decision never moves it to body 11"
    assert policy.programme_deciding_bodies(second, ACCREDITED_BY_10) == set()


def test_any_body_may_take_a_programme_waiting_for_its_first_decision() -> None:
    assert policy.can_decide_programme(person(("registrar", 10)), WAITING)
    assert policy.can_decide_programme(person(("registrar", 11)), WAITING)
    both = person(("registrar", 10), ("registrar", 11))
    assert policy.programme_deciding_bodies(both, WAITING) == {10, 11}
    assert policy.programme_deciding_bodies(both, ACCREDITED_BY_10) == {10}


def test_nobody_decides_on_their_own_providers_programme() -> None:
    dual = person(("registrar", 10), ("trainer", 5))
    assert not policy.can_decide_programme(dual, WAITING)
    assert not policy.can_decide_programme(dual, ACCREDITED_BY_10)
    assert policy.can_decide_programme(dual, SimpleNamespace(provider_id=6, body_id=10))
    for nobody in (person(("trainer", 5)), person(("oversight", 3)), person(("la_officer", 20)), None):
        assert not policy.can_decide_programme(nobody, WAITING)
    assert not policy.can_decide_programme(person(("registrar", 10)), SimpleNamespace(provider_id=None, body_id=None))


def test_the_predicates_read_no_database() -> None:
    """Plain objects are enough (above); the module imports neither the database nor Flask."""
    import inspect

    source = inspect.getsource(policy)
    for forbidden in ("registry.extensions", "sqlalchemy", "import flask", "from flask"):
        assert forbidden not in source
