"""Edit the public register entry and the private contact details."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import requires
from registry.domain import profiles, standards
from registry.domain.errors import DomainError
from registry.web.mediator.blueprint import bp
from registry.web.mediator.common import this_mediator
from registry.web.mediator.forms.profile import ProfileForm
from registry.web.refusals import show_refusal


@bp.route("/profile", methods=["GET", "POST"])
@requires("edit_own_profile")
def profile() -> ResponseReturnValue:
    mediator = this_mediator()
    regions = profiles.regions()
    form = ProfileForm()
    form.set_choices(regions, standards.vocabularies())
    if not form.is_submitted():
        form.load(profiles.current_input(mediator))
    elif form.validate():
        try:
            with unit_of_work.attempt():
                profiles.update_profile(mediator, current_user, form.to_input())
        except DomainError as error:
            show_refusal(form, error, "display_name")
        else:
            flash("Your profile has been saved", "success")
            return redirect(url_for("mediator.profile"))
    return render_template("mediator/profile.html", form=form, mediator=mediator, regions=regions)
