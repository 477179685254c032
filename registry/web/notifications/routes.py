"""The inbox (``/workspace/notifications``): newest first, paged, each linking to its thing and
marked read with a button (a POST form, so it works without JavaScript); and the email preferences.

Every person reads and marks only their own notifications: another's is not found (404)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry.auth.access import signed_in
from registry.domain import inbox
from registry.web.find.pagination import page_links
from registry.web.lookups import found
from registry.web.notifications.forms import EmailChoicesForm, MarkReadForm
from registry.web.numbers import page_requested

bp = Blueprint("notifications", __name__, url_prefix="/workspace/notifications")


@bp.get("")
@signed_in
def index() -> ResponseReturnValue:
    listing = inbox.inbox_for(current_user, page_requested())
    return render_template(
        "notifications/index.html",
        listing=listing,
        unread=inbox.unread_count(current_user),
        kinds=inbox.KINDS,
        form=MarkReadForm(),
        pagination_params=page_links(listing, ".index"),
    )


@bp.post("/<int:notification_id>/read")
@signed_in
def mark_read(notification_id: int) -> ResponseReturnValue:
    found(inbox.notification_of, current_user, notification_id)  # another person's: 404
    if MarkReadForm().validate_on_submit():
        inbox.mark_read(current_user, notification_id)
    return redirect(url_for(".index"))


@bp.post("/read-all")
@signed_in
def mark_all_read() -> ResponseReturnValue:
    if MarkReadForm().validate_on_submit():
        marked = inbox.mark_all_read(current_user)
        flash(f"{marked} notification{'' if marked == 1 else 's'} marked as read.", "success")
    return redirect(url_for(".index"))


@bp.route("/settings", methods=["GET", "POST"])
@signed_in
def settings() -> ResponseReturnValue:
    choices = inbox.email_choices(current_user)
    form = EmailChoicesForm(emailed=[kind for kind, emailed in choices.items() if emailed])
    form.emailed.choices = [(kind, inbox.KINDS[kind].label) for kind in choices]
    if form.validate_on_submit():
        ticked = set(form.emailed.data or ())
        inbox.choose_emails(current_user, {kind: kind in ticked for kind in choices})
        flash("Your email choices are saved.", "success")
        return redirect(url_for(".settings"))
    return render_template("notifications/settings.html", form=form, kinds=inbox.KINDS, has_kinds=bool(choices))
