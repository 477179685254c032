"""Pure policy predicates: who may do what to which object. No Flask, no database calls.

Every predicate takes the signed-in user (or ``None`` for an anonymous visitor) and, where
scope matters, the object acted on. Views, API resources and templates all use these. The
objects are described by what the predicates read (the protocols below), so a model, a domain
value such as ``registry.domain.logbook.LogOwner`` or a test's stand-in all fit.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol

from registry.auth.capabilities import CAPABILITIES


class HoldsRole(Protocol):
    @property
    def role(self) -> str: ...
    @property
    def organisation_id(self) -> int | None: ...


class HasRoles(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def roles(self) -> Sequence[HoldsRole]: ...


class HeldWithBody(Protocol):
    """An accreditation, or a concern routed to a body (``None``: about a provider)."""

    @property
    def body_id(self) -> int | None: ...


class OfProvider(Protocol):
    """A training programme: its provider and the body that last decided on it (``None``: none yet)."""

    @property
    def provider_id(self) -> int | None: ...
    @property
    def body_id(self) -> int | None: ...


class OwnsLog(Protocol):
    """The mediator's own account and the bodies reviewing their log (``registry.domain.logbook.LogOwner``)."""

    @property
    def user_id(self) -> int | None: ...
    @property
    def body_ids(self) -> Collection[int]: ...


class OfAccreditation(Protocol):
    """A renewal request."""

    @property
    def accreditation(self) -> HeldWithBody: ...


class AnsweredFor(Protocol):
    """An oversight review: the organisation that answers for it."""

    @property
    def organisation_id(self) -> int | None: ...


class OfOrganisation(Protocol):
    """A record an organisation keeps (an LA's commissioned service)."""

    @property
    def organisation_id(self) -> int: ...


class OwnedBy(Protocol):
    """An oversight action: the organisation that owns it."""

    @property
    def owner_id(self) -> int | None: ...


class HasAccount(Protocol):
    @property
    def user_id(self) -> int | None: ...


class OfMediator(Protocol):
    """An accreditation (or an application for one): the mediator it belongs to."""

    @property
    def mediator(self) -> HasAccount: ...


def _assignments(user: HasRoles | None) -> list[HoldsRole]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(user.roles)


def has_capability(user: HasRoles | None, capability: str) -> bool:
    """True when any of the user's roles grants the capability (in any scope)."""
    return any(capability in CAPABILITIES.get(ra.role, ()) for ra in _assignments(user))


def organisations_with(user: HasRoles | None, capability: str) -> set[int]:
    """The organisations for which the user holds ``capability``."""
    return {
        ra.organisation_id
        for ra in _assignments(user)
        if ra.organisation_id is not None and capability in CAPABILITIES.get(ra.role, ())
    }


def has_capability_for(user: HasRoles | None, capability: str, organisation_id: int | None) -> bool:
    """True when the user holds ``capability`` for that organisation (admins and oversight are register-wide)."""
    if organisation_id is not None and organisation_id in organisations_with(user, capability):
        return True
    return any(
        ra.role in ("admin", "oversight") and capability in CAPABILITIES.get(ra.role, ()) for ra in _assignments(user)
    )


def roles_of(user: HasRoles | None) -> list[str]:
    order = list(CAPABILITIES)
    return sorted({ra.role for ra in _assignments(user)}, key=order.index)


def can_decide_accreditation(user: HasRoles | None, accreditation: HeldWithBody) -> bool:
    """A registrar decides only on accreditations held with their own body."""
    body_id = accreditation.body_id
    return body_id is not None and body_id in organisations_with(user, "decide_accreditations")


def can_view_private_history(user: HasRoles | None, accreditation: HeldWithBody) -> bool:
    """Private reasons are for the accrediting body and oversight only."""
    return has_capability_for(user, "view_private_history", accreditation.body_id)


def _organisation_ids(user: HasRoles | None) -> set[int]:
    return {ra.organisation_id for ra in _assignments(user) if ra.organisation_id is not None}


def can_submit_programme_for(user: HasRoles | None, provider_id: int | None) -> bool:
    """A trainer submits programmes only for their own training provider."""
    return provider_id is not None and provider_id in organisations_with(user, "submit_training_programmes")


def can_manage_programme(user: HasRoles | None, programme: OfProvider) -> bool:
    """A trainer of the programme's provider: new versions, its workspace pages."""
    return can_submit_programme_for(user, programme.provider_id)


def can_record_completions(user: HasRoles | None, programme: OfProvider) -> bool:
    """Only a trainer of the programme's own provider records who completed it."""
    provider_id = programme.provider_id
    return provider_id is not None and provider_id in organisations_with(user, "record_completions")


def programme_deciding_bodies(user: HasRoles | None, programme: OfProvider) -> set[int]:
    """The accrediting bodies the user may decide on the programme for.

    A body decides only on what it accredits (the programme's ``body_id``, the body that last
    decided) or on what is waiting for its first decision (no body yet), so no decision ever moves
    a programme to another body. Nobody on the staff of the programme's own provider decides on
    it, whatever else they are.
    """
    provider_id = programme.provider_id
    if provider_id is None or provider_id in _organisation_ids(user):
        return set()
    bodies = organisations_with(user, "decide_training_programmes")
    accrediting_body_id = programme.body_id
    return bodies if accrediting_body_id is None else bodies & {accrediting_body_id}


def can_decide_programme(user: HasRoles | None, programme: OfProvider) -> bool:
    """A registrar of the programme's accrediting body (any body while it awaits a first decision),
    never anyone on the staff of its provider: see ``programme_deciding_bodies``."""
    return bool(programme_deciding_bodies(user, programme))


def can_view_programme_reasons(user: HasRoles | None, programme: OfProvider) -> bool:
    """Private reasons for decisions on a programme: its provider, registrars and oversight."""
    return (
        can_manage_programme(user, programme)
        or has_capability(user, "decide_training_programmes")
        or any(ra.role == "oversight" for ra in _assignments(user))
    )


# The professional log: ``owner`` is an ``OwnsLog``, such as registry.domain.logbook.LogOwner.


def is_log_owner(user: HasRoles | None, owner: OwnsLog) -> bool:
    owner_user_id = owner.user_id
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    return signed_in and owner_user_id is not None and getattr(user, "id", None) == owner_user_id


def can_review_log(user: HasRoles | None, owner: OwnsLog) -> bool:
    """Registrars of a body the mediator holds a live accreditation with verify and reject entries."""
    return bool(set(owner.body_ids) & organisations_with(user, "verify_log_entries"))


def can_view_evidence(user: HasRoles | None, owner: OwnsLog) -> bool:
    """Evidence files: the mediator, their bodies' registrars, and oversight (register-wide)."""
    if is_log_owner(user, owner) and has_capability(user, "view_own_evidence"):
        return True
    bodies: set[int | None] = set(owner.body_ids) or {None}
    return any(has_capability_for(user, "view_evidence", body_id) for body_id in bodies)


def can_decide_renewal(user: HasRoles | None, renewal_request: OfAccreditation) -> bool:
    """A renewal request is decided by a registrar of the body holding the accreditation."""
    return can_decide_accreditation(user, renewal_request.accreditation)


# Oversight (issue 9): reviews, actions, concern handling, outcome returns.


def can_view_review(user: HasRoles | None, review: AnsweredFor) -> bool:
    """The whole review, with its private notes and responses, published or not: oversight and the
    organisation that answers for it. (The public page of a published review shows no notes.)"""
    answering = review.organisation_id
    return has_capability(user, "run_oversight_reviews") or answering in _organisation_ids(user)


def can_respond_to_action(user: HasRoles | None, action: OwnedBy) -> bool:
    """Anyone acting for the action's owner organisation."""
    return action.owner_id in organisations_with(user, "respond_to_oversight_actions")


def can_maintain_service(user: HasRoles | None, service: OfOrganisation) -> bool:
    """An LA's commissioned mediation service is kept by that LA's officers only (not admins, not oversight)."""
    return service.organisation_id in organisations_with(user, "maintain_commissioned_services")


def can_handle_concern(user: HasRoles | None, concern: HeldWithBody) -> bool:
    """Registrars of the body a concern was routed to; oversight for a concern with no body (about a provider)."""
    body_id = concern.body_id
    if body_id is not None:
        return body_id in organisations_with(user, "handle_concerns")
    return has_capability(user, "view_all_concerns")


def can_view_concern(user: HasRoles | None, concern: HeldWithBody) -> bool:
    """Whoever handles it, and oversight, which sees every concern."""
    return can_handle_concern(user, concern) or has_capability(user, "view_all_concerns")


def can_submit_return_for(user: HasRoles | None, provider_id: int | None) -> bool:
    """Provider staff send outcome returns for their own mediation provider only."""
    return provider_id is not None and provider_id in organisations_with(user, "submit_outcome_returns")


# The accreditation lifecycle (issue 4): applying, assessing, and the mediator's own actions.


def can_assess_application(user: HasRoles | None, accreditation: HeldWithBody) -> bool:
    """A registrar records assessment outcomes only on applications to their own body."""
    body_id = accreditation.body_id
    return body_id is not None and body_id in organisations_with(user, "assess_applications")


def is_own_accreditation(user: HasRoles | None, accreditation: OfMediator) -> bool:
    """The mediator themselves: they hold the mediator role and the record is linked to their account."""
    owner = accreditation.mediator.user_id
    return owner is not None and has_capability(user, "apply_for_accreditation") and getattr(user, "id", None) == owner


# Mediation providers (issue 19): their page, their panel, the LAs that commission them.


class OfPanel(Protocol):
    """A provider's link to a mediator (``registry.models.PanelMembership``)."""

    @property
    def provider_id(self) -> int: ...
    @property
    def mediator(self) -> HasAccount: ...


def can_keep_provider(user: HasRoles | None, provider_id: int | None) -> bool:
    """Provider staff keep their own provider's page, panel and commissioned services, never another's."""
    return provider_id is not None and provider_id in organisations_with(user, "manage_provider_details")


def can_keep_panel_membership(user: HasRoles | None, membership: OfPanel) -> bool:
    """The provider's staff ask, withdraw and end; nobody else acts for the provider."""
    return can_keep_provider(user, membership.provider_id)


def can_answer_panel_request(user: HasRoles | None, membership: OfPanel) -> bool:
    """Only the mediator the provider asked confirms, declines or ends the link, from their own account."""
    owner = membership.mediator.user_id
    return owner is not None and has_capability(user, "edit_own_profile") and getattr(user, "id", None) == owner
