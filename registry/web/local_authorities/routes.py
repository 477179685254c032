"""``/local-authorities``: every LA's page, its Atom feed, and email alerts about its area.

The alert pages that hold a token in their address (confirm, unsubscribe) are ``no-store``, and a
link that does not work gets one page that says so (404), never which part was wrong. Asking for
alerts says the same whatever the address, and is limited per client and per address typed.
"""

from __future__ import annotations

from flask import Blueprint, Response, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from registry import unit_of_work
from registry.auth.access import public
from registry.domain import area_alerts, notifications
from registry.domain.errors import Refused
from registry.domain.local_authorities import local_authorities_by_region
from registry.domain.local_authority_pages import area_page, by_slug, outcome_figures
from registry.domain.standards import vocabularies
from registry.extensions import csrf, limiter
from registry.representations import cached
from registry.web.local_authorities.feed import atom_feed
from registry.web.local_authorities.forms import AlertForm, ConfirmAlertForm, UnsubscribeForm
from registry.web.lookups import found
from registry.web.published.cache import cost_per_case
from registry.web.refusals import show_refusal

bp = Blueprint("local_authorities", __name__, url_prefix="/local-authorities")

PRIVATE = {"Cache-Control": "no-store"}
ASKED = "area_alert_asked"  # the session's note of the last address asked for, shown on the page after
# Per client: enough to correct a typo or follow a few areas; too few to flood inboxes. Per address
# typed: a few confirmation emails an hour at most, whoever asks.
ALERT_LIMIT_PER_CLIENT = "10 per hour"
ALERT_LIMIT_PER_EMAIL = "3 per hour"


def _email_typed() -> str:
    return (request.form.get("email") or "").strip().lower()[:254]


@bp.get("")
@public
@cached
def index() -> ResponseReturnValue:
    return render_template("local_authorities/index.html", regions=local_authorities_by_region())


@bp.get("/<slug>")
@public
@cached
def show(slug: str) -> ResponseReturnValue:
    la = found(by_slug, slug)
    terms = vocabularies()
    return render_template(
        "local_authorities/show.html",
        page=area_page(la),
        outcomes=outcome_figures(la, cost_per_case()),
        la=la,
        formats={t.code: t.title for t in terms.formats},
    )


@bp.get("/<slug>/changes.atom")
@public
@cached
def changes(slug: str) -> ResponseReturnValue:
    la = found(by_slug, slug)
    return Response(atom_feed(la, notifications.area_changes(la)), mimetype="application/atom+xml")


@bp.route("/<slug>/alerts", methods=["GET", "POST"])
@public
@limiter.limit(ALERT_LIMIT_PER_CLIENT, methods=["POST"])
@limiter.limit(ALERT_LIMIT_PER_EMAIL, methods=["POST"], key_func=_email_typed)
def alerts(slug: str) -> ResponseReturnValue:
    """A bot that fills in the hidden field is told what a person is told, and nothing is sent."""
    la = found(by_slug, slug)
    form = AlertForm()
    if form.validate_on_submit():
        try:
            if not form.from_a_bot:
                with unit_of_work.attempt():
                    area_alerts.subscribe(la, form.email.data or "")
        except Refused as refused:
            show_refusal(form, refused, "email")
        else:
            # POST/redirect/GET: a reload of the page that says what happens next asks nothing again (asking
            # again would send another email and void the link in the first).
            session[ASKED] = {"slug": la.slug, "email": _email_typed()}
            return redirect(url_for(".alerts_asked", slug=la.slug), 303)
    return render_template("local_authorities/alerts.html", la=la, form=form, can_email=notifications.mail_configured())


@bp.get("/<slug>/alerts/asked")
@public
def alerts_asked(slug: str) -> ResponseReturnValue:
    """What happens next, for the address this browser just typed (none: back to the form)."""
    la = found(by_slug, slug)
    asked = session.get(ASKED)
    if not isinstance(asked, dict) or asked.get("slug") != la.slug:
        return redirect(url_for(".alerts", slug=la.slug))
    page = render_template(
        "local_authorities/alert-asked.html",
        la=la,
        email=str(asked.get("email", "")),
        can_email=notifications.mail_configured(),
    )
    return page, 200, PRIVATE


@bp.route("/alerts/confirm/<token>", methods=["GET", "POST"])
@public
def confirm_alerts(token: str) -> ResponseReturnValue:
    """The link from the confirmation email: a page with a button, so that a mail scanner that opens
    links does not confirm for the person."""
    subscription = area_alerts.pending(token)
    if subscription is None:
        return render_template("local_authorities/alert-link-unusable.html"), 404, PRIVATE
    form = ConfirmAlertForm()
    if form.validate_on_submit():
        area_alerts.confirm(subscription)
        page = render_template("local_authorities/alert-confirmed.html", la=subscription.local_authority)
        return page, 200, PRIVATE
    page = render_template("local_authorities/alert-confirm.html", la=subscription.local_authority, form=form)
    return page, 200, PRIVATE


@bp.route("/alerts/unsubscribe/<token>", methods=["GET", "POST"])
@public
@csrf.exempt  # a mail client's one-click POST (RFC 8058) has no session; the page's button sends its token
def unsubscribe(token: str) -> ResponseReturnValue:
    subscription = area_alerts.subscription_for(token)
    if subscription is None:
        return render_template("local_authorities/alert-link-unusable.html"), 404, PRIVATE
    la = subscription.local_authority
    form = UnsubscribeForm()
    one_click = request.method == "POST" and request.form.get("List-Unsubscribe") == "One-Click"
    if one_click or form.validate_on_submit():
        area_alerts.unsubscribe(subscription)
        return render_template("local_authorities/unsubscribed.html", la=la), 200, PRIVATE
    return render_template("local_authorities/unsubscribe.html", la=la, form=form), 200, PRIVATE
