"""The public consultation pages, responses verified by email, and the working group's reading of them
(issue 21, items 2 to 4)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from registry.domain.administration import give_role
from registry.domain.errors import Refused
from registry.domain.notifications import deliver_queued
from registry.extensions import db
from registry.models import AuditEvent, Consultation, ConsultationResponse, Notification
from registry.models.notifications import CONSULTATION_VERIFY
from tests.account_links.test_password_reset import limited_app  # noqa: F401  (rate limits on)
from tests.conftest import csrf_token_from
from tests.fixtures.clients import sign_in

PAGE = "/standards/mediator-standards/1.1/consultation"
EMAIL = "parent-sentinel@example.org"


def _respond(client: FlaskClient, **answers: str) -> object:
    form = client.get(f"{PAGE}/respond")
    assert form.status_code == 200, form.text
    data = {
        "csrf_token": csrf_token_from(form.text),
        "email": EMAIL,
        "name": "Ada Parent",
        "organisation": "",
        "publication": "anonymous",
        "homepage": "",
        **answers,
    }
    return client.post(f"{PAGE}/respond", data=data)


def _verification_link() -> str:
    message = db.session.scalars(select(Notification).where(Notification.kind == CONSULTATION_VERIFY)).all()[-1]
    assert EMAIL not in message.subject
    found = re.search(r"/standards/consultations/verify/\S+", message.body)
    assert found
    return found.group(0)


def test_the_public_reads_the_changes_by_code(consultation: Consultation, client: FlaskClient) -> None:
    listing = client.get("/standards/consultations")
    assert listing.status_code == 200 and PAGE in listing.text
    page = client.get(PAGE)
    assert page.status_code == 200
    assert 'id="change-MS-6.5"' in page.text and "New criteria (1)" in page.text
    assert "Reworded criteria (3)" in page.text and 'id="change-MS-5.2"' in page.text
    assert "in the child’s or young person’s own words" in page.text or "own words" in page.text
    assert "Respond to this consultation" in page.text
    assert client.get("/standards/mediator-standards/9.9/consultation").status_code == 404


def test_a_response_counts_once_verified_and_the_group_reads_it(
    consultation: Consultation, client: FlaskClient, client_as: Callable[..., FlaskClient]
) -> None:
    sent = _respond(
        client,
        MS_5_2_view="agree",
        MS_5_2_reason="Children’s own words matter.",
        MS_6_5_view="disagree",
        MS_6_5_reason="Video suits some families better.",
    )
    assert sent.status_code == 302, sent.text
    response = db.session.scalars(select(ConsultationResponse)).one()
    assert response.verified_at is None and {a.topic for a in response.answers} == {"MS-5.2", "MS-6.5"}
    group = client_as("standards_group")
    topic = group.get(f"/workspace/consultations/{consultation.id}/topics/MS-5.2")
    assert "Children’s own words" not in topic.text  # not verified yet: nobody reads it
    link = _verification_link()
    page = client.get(link)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert client.post(link, data={"csrf_token": csrf_token_from(page.text)}).status_code == 200
    assert client.get(link).status_code == 404  # used up
    db.session.refresh(response)
    assert response.verified_at is not None
    topics = group.get(f"/workspace/consultations/{consultation.id}")
    assert topics.status_code == 200
    topic = group.get(f"/workspace/consultations/{consultation.id}/topics/MS-5.2")
    assert "Children’s own words matter." in topic.text and "1 agree, 0 disagree" in topic.text
    assert EMAIL not in topic.text and "Ada Parent" not in topic.text  # anonymous, as chosen
    assert "Anonymous: may be published without a name." in topic.text
    export = group.get(f"/workspace/consultations/{consultation.id}/responses.csv")
    assert export.status_code == 200 and "Video suits some families better." in export.text
    assert EMAIL not in export.text and "Ada Parent" not in export.text


def test_bad_responses_change_nothing(consultation: Consultation, client: FlaskClient) -> None:
    nothing = _respond(client)
    assert nothing.status_code == 200 and "Answer at least one question" in nothing.text
    no_reason = _respond(client, MS_5_2_view="agree")
    assert "Say why, for MS-5.2" in no_reason.text
    unknown = _respond(client, other_code="MS-99.1", other_view="agree", other_reason="x")
    assert "MS-99.1 is not a criterion or question of this draft" in unknown.text
    too_long = _respond(client, overall_view="agree", overall_reason="x" * 5001)
    assert "5,000 characters or fewer" in too_long.text
    odd_view = _respond(client, overall_view="maybe", overall_reason="<script>alert(1)</script>")
    assert odd_view.status_code == 200 and "Say whether you agree with the proposal as a whole" in odd_view.text
    odd_choice = _respond(client, overall_view="agree", overall_reason="x", publication="not-a-choice")
    assert odd_choice.status_code == 200 and "govuk-error-summary" in odd_choice.text
    honeypot = _respond(client, overall_view="agree", overall_reason="Spam", homepage="http://spam.example")
    assert honeypot.status_code == 302
    assert db.session.scalars(select(ConsultationResponse)).all() == []


def test_a_closed_consultation_refuses_responses_and_verification(
    consultation: Consultation, client: FlaskClient, frozen_clock
) -> None:
    _respond(client, overall_view="agree", overall_reason="Yes.")
    link = _verification_link()
    frozen_clock.advance(30)  # 3 April: closed on 31 March
    refused = client.get(f"{PAGE}/respond")
    assert refused.status_code == 410 and "This consultation closed on 31 March 2026" in refused.text
    assert "closed on 31 March 2026" in client.get(PAGE).text
    assert client.get(link).status_code in (404, 410)  # expired or closed: never verified now


def test_the_group_tags_hides_and_writes_the_response(
    consultation: Consultation, client: FlaskClient, client_as: Callable[..., FlaskClient]
) -> None:
    _respond(client, MS_6_5_view="disagree", MS_6_5_reason="Needs a sentinel example.")
    link = _verification_link()
    client.post(link, data={"csrf_token": csrf_token_from(client.get(link).text)})
    response = db.session.scalars(select(ConsultationResponse)).one()
    group = client_as("standards_group")
    base = f"/workspace/consultations/{consultation.id}"
    page = group.get(f"{base}/topics/MS-6.5")
    token = csrf_token_from(page.text)
    answer = response.answers[0]
    tagged = group.post(f"{base}/answers/{answer.id}/themes", data={"csrf_token": token, "theme": "Remote access"})
    assert tagged.status_code == 302
    assert "remote access" in group.get(f"{base}/topics/MS-6.5").text
    assert "remote access" in group.get(f"{base}/responses.csv").text
    written = group.post(f"{base}/topics/MS-6.5/decision", data={"csrf_token": token, "decision": "Kept, reworded."})
    assert written.status_code == 302
    assert consultation.decisions[0].decision == "Kept, reworded."
    empty = group.post(f"{base}/responses/{response.id}/hide", data={"csrf_token": token, "reason": ""})
    assert "Say why you are hiding this response" in empty.text
    assert 'href="#reason"' in empty.text and 'id="reason"' in empty.text  # the summary leads to the box
    no_theme = group.post(f"{base}/answers/{answer.id}/themes", data={"csrf_token": token, "theme": " "})
    assert 'href="#theme"' in no_theme.text and 'id="theme"' in no_theme.text
    hidden = group.post(f"{base}/responses/{response.id}/hide", data={"csrf_token": token, "reason": "Spam"})
    assert hidden.status_code == 302
    assert "Needs a sentinel example." not in group.get(f"{base}/topics/MS-6.5").text
    assert "Needs a sentinel example." not in group.get(f"{base}/responses.csv").text
    audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "consultation.response_hidden")).one()
    assert audit.data["reason"] == "Spam"


def test_only_the_working_group_reads_responses(consultation: Consultation, client_as) -> None:
    base = f"/workspace/consultations/{consultation.id}"
    for role in ("mediator", "la_officer", "registrar", "oversight"):
        assert client_as(role).get(base).status_code == 403


class _Mailbox:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str]] = []

    def send(self, to: str, subject: str, body: str, headers: object = None) -> None:
        self.sent.append((to, subject, body))


def test_the_verification_email_goes_to_the_address_and_keeps_no_link(
    consultation: Consultation, client: FlaskClient
) -> None:
    _respond(client, overall_view="agree", overall_reason="Yes.")
    mailbox = _Mailbox()
    deliver_queued(mailbox)
    [(to, subject, body)] = [sent for sent in mailbox.sent if sent[0] == EMAIL]
    assert "Confirm your response to the consultation" in subject
    assert "/standards/consultations/verify/" in body and "never publish your email address" in body
    message = db.session.scalars(select(Notification).where(Notification.kind == CONSULTATION_VERIFY)).one()
    assert message.sent_at is not None and "/verify/" not in message.body  # the one-time link is not kept


def test_an_admin_gives_an_oversight_member_the_working_group_role(
    consultation: Consultation, factories, app: Flask
) -> None:
    admin = factories.person_with_role("admin")
    member = factories.person_with_role("oversight")
    give_role(member, "standards_group", None, admin)
    assert {r.role for r in member.roles} == {"oversight", "standards_group"}
    with pytest.raises(Refused, match="does not act for an organisation"):
        give_role(member, "standards_group", member.roles[0].organisation_id, admin)
    browser = app.test_client()
    sign_in(browser, member)
    assert browser.get("/workspace/consultations").status_code == 200
    assert "Standards working group" in browser.get("/workspace/oversight").text  # among their workspaces


def test_responding_is_rate_limited_per_client_and_per_address(consultation: Consultation, limited_app) -> None:  # noqa: F811
    client = limited_app.test_client()
    page = client.get(f"{PAGE}/respond")
    token = csrf_token_from(page.text)

    def send(email: str) -> int:
        data = {"csrf_token": token, "email": email, "publication": "private", "overall_view": "agree"}
        return client.post(f"{PAGE}/respond", data=data | {"overall_reason": "Yes."}).status_code

    assert [send("Same@example.org") for _ in range(4)] == [302, 302, 302, 429]  # three an hour per address
    assert send("other@example.org") == 302
    assert send("third@example.org") == 429  # five a minute from one client
