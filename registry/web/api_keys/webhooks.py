"""Webhooks in the LA workspace, beside the API keys: add one (its signing secret shown once), see
each one's state and delivery log, pause, resume or delete it. A webhook belongs to the local
authority, so any of its officers sees and manages them all; another LA's are not found (404)."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from registry import unit_of_work
from registry.auth.access import requires
from registry.domain import api_keys
from registry.domain.errors import DomainError
from registry.domain.webhooks import queue, subscriptions
from registry.models import WebhookSubscription
from registry.web import shown_once
from registry.web.api_keys.forms import SCOPE_CHOICES, WebhookActionForm, WebhookForm
from registry.web.api_keys.routes import local_authority
from registry.web.find.pagination import page_links
from registry.web.lookups import found
from registry.web.numbers import page_requested, whole_number
from registry.web.refusals import show_refusal

bp = Blueprint("webhooks", __name__, url_prefix="/workspace/local-authority/api-keys/webhooks")
SCOPE_NAMES = dict(SCOPE_CHOICES)


def _page(template: str, **context: object) -> str:
    la = local_authority()
    return render_template(
        template, role="la_officer", organisations=[la], local_authority=la, scope_names=SCOPE_NAMES, **context
    )


def _form() -> WebhookForm:
    form = WebhookForm()
    form.set_keys([key for key in api_keys.keys_of({local_authority().id}) if key.is_active])
    return form


def _index(form: WebhookForm) -> str:
    return _page("api_keys/webhooks.html", form=form, webhooks=subscriptions.subscriptions_of({local_authority().id}))


def _webhook(subscription_id: int) -> WebhookSubscription:
    return found(subscriptions.get_subscription, subscription_id, {local_authority().id})


@bp.get("")
@requires("manage_api_keys")
def index() -> ResponseReturnValue:
    return _index(_form())


@bp.post("")
@requires("manage_api_keys")
def create() -> ResponseReturnValue:
    form = _form()
    if not form.validate_on_submit():
        return _index(form)
    try:
        with unit_of_work.attempt():
            new = subscriptions.create_subscription(
                local_authority(), current_user, api_key_id=whole_number(form.api_key_id.data),
                url=form.url.data or "", scope=form.scope.data or "", form_token=form.form_token.data or "",
            )  # fmt: skip
    except subscriptions.AlreadyCreated as already:
        flash("This webhook was added when you first sent the form. Its signing secret was shown then.", "success")
        return redirect(url_for(".webhook", subscription_id=already.subscription.id))
    except DomainError as error:
        show_refusal(form, error, "url")
        return _index(form)
    shown_once.keep("webhook", new.subscription.id, new.secret)
    return redirect(url_for(".created", subscription_id=new.subscription.id), 303)


@bp.get("/<int:subscription_id>/created")
@requires("manage_api_keys")
def created(subscription_id: int) -> ResponseReturnValue:
    """The new webhook's signing secret, the first time this page opens after it was added; never again."""
    subscription = _webhook(subscription_id)
    page = _page(
        "api_keys/webhook-created.html", webhook=subscription, secret=shown_once.take("webhook", subscription.id)
    )
    # The only time the secret is shown: keep it out of every cache.
    return Response(page, headers={"Cache-Control": "no-store"})


@bp.get("/<int:subscription_id>")
@requires("manage_api_keys")
def webhook(subscription_id: int) -> ResponseReturnValue:
    subscription = _webhook(subscription_id)
    log = queue.delivery_log(subscription, page_requested())
    return _page(
        "api_keys/webhook.html",
        webhook=subscription,
        log=log,
        pagination_params=page_links(log, ".webhook", subscription_id=subscription.id),
        last_delivered=queue.last_delivered_sequence(subscription),
        action=WebhookActionForm(formdata=None),
    )


@bp.post("/<int:subscription_id>/<any(pause, resume, delete):action>")
@requires("manage_api_keys")
def act(subscription_id: int, action: str) -> ResponseReturnValue:
    subscription = _webhook(subscription_id)
    if not WebhookActionForm().validate_on_submit():
        return redirect(url_for(".webhook", subscription_id=subscription.id))
    if action == "delete":
        subscriptions.delete(subscription, current_user)
        flash(f"The webhook to {subscription.url} is deleted: nothing more will be sent to it.", "success")
        return redirect(url_for(".index"))
    if action == "pause":
        subscriptions.pause(subscription, current_user)
        flash("The webhook is paused: nothing new is queued for it until you resume it.", "success")
    else:
        subscriptions.resume(subscription, current_user)
        flash("The webhook is resumed: what waits for it will be sent within a minute or so.", "success")
    return redirect(url_for(".webhook", subscription_id=subscription.id))
