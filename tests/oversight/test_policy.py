"""The oversight predicates, as pure functions of a person's roles and the object."""

from __future__ import annotations

from types import SimpleNamespace as Thing

from registry.auth import policy


def person(*roles: tuple[str, int | None]) -> Thing:
    return Thing(id=1, is_authenticated=True, roles=[Thing(role=role, organisation_id=org) for role, org in roles])


BODY, OTHER_BODY, PROVIDER, OVERSIGHT = 10, 11, 20, 30


def test_a_review_is_seen_whole_by_oversight_and_the_organisation_answering_for_it() -> None:
    review = Thing(organisation_id=BODY, published_at=None)
    assert policy.can_view_review(person(("oversight", OVERSIGHT)), review)
    assert policy.can_view_review(person(("registrar", BODY)), review)
    assert not policy.can_view_review(person(("registrar", OTHER_BODY)), review)
    assert not policy.can_view_review(None, review)
    published = Thing(organisation_id=BODY, published_at="yesterday")
    assert not policy.can_view_review(person(("registrar", OTHER_BODY)), published)  # notes stay private


def test_actions_are_answered_by_the_owner_only() -> None:
    action = Thing(owner_id=PROVIDER)
    assert policy.can_respond_to_action(person(("provider", PROVIDER)), action)
    assert not policy.can_respond_to_action(person(("provider", PROVIDER + 1)), action)
    assert not policy.can_respond_to_action(person(("oversight", OVERSIGHT)), action)
    assert policy.can_respond_to_action(person(("trainer", PROVIDER)), action)


def test_concerns_are_handled_by_their_body_and_seen_by_oversight() -> None:
    about_mediator, about_provider = Thing(body_id=BODY), Thing(body_id=None)
    registrar, other, oversight = (
        person(("registrar", BODY)),
        person(("registrar", OTHER_BODY)),
        person(("oversight", 1)),
    )
    assert policy.can_handle_concern(registrar, about_mediator)
    assert not policy.can_handle_concern(other, about_mediator) and not policy.can_view_concern(other, about_mediator)
    assert not policy.can_handle_concern(oversight, about_mediator) and policy.can_view_concern(
        oversight, about_mediator
    )
    assert policy.can_handle_concern(oversight, about_provider)
    assert not policy.can_handle_concern(registrar, about_provider)


def test_returns_are_sent_for_your_own_provider() -> None:
    staff = person(("provider", PROVIDER))
    assert policy.can_submit_return_for(staff, PROVIDER)
    assert not policy.can_submit_return_for(staff, PROVIDER + 1)
    assert not policy.can_submit_return_for(staff, None)
    assert not policy.can_submit_return_for(person(("registrar", PROVIDER)), PROVIDER)
