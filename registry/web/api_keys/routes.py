"""API keys in the LA workspace: create and name a key (shown once), see when each was last used,
revoke one. Keys belong to the local authority, so any of its officers sees and manages them all."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import requires
from registry.auth.policy import organisations_with
from registry.domain import api_keys
from registry.domain.errors import DomainError
from registry.models import Organisation
from registry.web import shown_once
from registry.web.api_keys.forms import CreateKeyForm, RevokeKeyForm
from registry.web.lookups import found
from registry.web.refusals import show_refusal

bp = Blueprint("api_keys", __name__, url_prefix="/workspace/local-authority/api-keys")


def local_authority() -> Organisation:
    """The LA the officer acts for (the first by name, as elsewhere in the LA workspace)."""
    ids = organisations_with(current_user, "manage_api_keys")
    return sorted((ra.organisation for ra in current_user.roles if ra.organisation_id in ids), key=lambda o: o.name)[0]


def _index(form: CreateKeyForm) -> str:
    la = local_authority()
    return render_template(
        "api_keys/index.html",
        role="la_officer",
        organisations=[la],
        local_authority=la,
        keys=api_keys.keys_of({la.id}),
        form=form,
        revoke=RevokeKeyForm(formdata=None),
    )


@bp.get("")
@requires("manage_api_keys")
def index() -> ResponseReturnValue:
    return _index(CreateKeyForm(formdata=None))


@bp.post("")
@requires("manage_api_keys")
def create() -> ResponseReturnValue:
    form = CreateKeyForm()
    if not form.validate_on_submit():
        return _index(form)
    la = local_authority()
    try:
        with unit_of_work.attempt():
            new = api_keys.create_key(la, current_user, form.name.data or "")
    except DomainError as error:
        show_refusal(form, error, "name")
        return _index(form)
    shown_once.keep("api_key", new.key.id, new.token)
    return redirect(url_for(".created", key_id=new.key.id), 303)


@bp.get("/<int:key_id>/created")
@requires("manage_api_keys")
def created(key_id: int) -> ResponseReturnValue:
    """The new key, shown the first time this page opens after it was made; a reload shows it no more."""
    la = local_authority()
    key = found(api_keys.get_key, key_id, {la.id})
    page = render_template(
        "api_keys/created.html",
        role="la_officer",
        organisations=[la],
        local_authority=la,
        key=key,
        token=shown_once.take("api_key", key.id),
    )
    # The only time the key is shown: keep it out of every cache.
    return Response(page, headers={"Cache-Control": "no-store"})


@bp.post("/<int:key_id>/revoke")
@requires("manage_api_keys")
def revoke(key_id: int) -> ResponseReturnValue:
    form = RevokeKeyForm()
    if not form.validate_on_submit():
        return redirect(url_for(".index"))
    key = found(api_keys.get_key, key_id, {local_authority().id})
    api_keys.revoke_key(key, current_user)
    flash(f"The key “{key.name}” is revoked: calls that use it are now refused.", "success")
    return redirect(url_for(".index"))
