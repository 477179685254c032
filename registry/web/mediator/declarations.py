"""Independence declarations: list, add, change, remove."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import requires
from registry.domain import declarations as domain
from registry.domain.declarations import DeclarationInput, InvalidDeclaration
from registry.domain.local_authorities import all_local_authorities
from registry.models import IndependenceDeclaration, Mediator
from registry.web.lookups import found
from registry.web.mediator.blueprint import bp
from registry.web.mediator.common import this_mediator
from registry.web.mediator.forms.declarations import DeclarationForm
from registry.web.mediator.forms.log import ConfirmForm
from registry.web.refusals import show_refusal


def _own(mediator: Mediator, declaration_id: int) -> IndependenceDeclaration:
    return found(domain.own_declaration, mediator, declaration_id)


def _form() -> DeclarationForm:
    form = DeclarationForm()
    form.set_choices(all_local_authorities(), domain.organisations_to_declare())
    return form


@bp.get("/declarations")
@requires("edit_own_profile")
def declarations() -> ResponseReturnValue:
    mediator = this_mediator()
    return render_template(
        "mediator/declarations.html", mediator=mediator, declarations=domain.declarations_of(mediator.id)
    )


@bp.route("/declarations/new", methods=["GET", "POST"])
@requires("edit_own_profile")
def new_declaration() -> ResponseReturnValue:
    mediator = this_mediator()
    return _declaration_page(None, lambda answers: domain.add_declaration(mediator, current_user, answers))


@bp.route("/declarations/<int:declaration_id>/edit", methods=["GET", "POST"])
@requires("edit_own_profile")
def edit_declaration(declaration_id: int) -> ResponseReturnValue:
    declaration = _own(this_mediator(), declaration_id)
    return _declaration_page(declaration, lambda answers: domain.update_declaration(declaration, current_user, answers))


def _declaration_page(
    declaration: IndependenceDeclaration | None, save: Callable[[DeclarationInput], object]
) -> ResponseReturnValue:
    """A new declaration (``declaration`` None) or a change to one: the same form, saved by ``save``."""
    form = _form()
    if declaration is not None and not form.is_submitted():
        form.load(declaration)
    elif form.validate_on_submit():
        try:
            with unit_of_work.attempt():
                save(form.to_input())
        except InvalidDeclaration as error:
            show_refusal(form, error, "kind")
        else:
            flash(f"Your declaration has been {'added' if declaration is None else 'changed'}", "success")
            return redirect(url_for("mediator.declarations"))
    return render_template("mediator/declaration-form.html", form=form, declaration=declaration)


@bp.route("/declarations/<int:declaration_id>/remove", methods=["GET", "POST"])
@requires("edit_own_profile")
def remove_declaration(declaration_id: int) -> ResponseReturnValue:
    declaration = _own(this_mediator(), declaration_id)
    form = ConfirmForm()
    form.submit.label.text = "Remove declaration"
    if form.validate_on_submit():
        domain.remove_declaration(declaration, current_user)
        flash("The declaration has been removed", "success")
        return redirect(url_for("mediator.declarations"))
    return render_template("mediator/declaration-remove.html", form=form, declaration=declaration)
