"""The public's responses to a consultation.

**Who.** Anyone, without an account: a name (optional), an organisation they respond for (optional)
and an email address, which is only for checking that a person is behind the response. It is never
shown to anyone, the working group included, and no page, export, feed or API answer holds it.

**Verified before it counts.** ``respond`` records the response and queues one email, through the
one notification outbox (``flask notifications send``), with a one-time link
(``/standards/consultations/verify/<token>``; only its SHA-256 is kept). Until the link is used
(``verify``, within ``VERIFY_DAYS`` and while the consultation is still open), the response is in no
count and nobody reads it. Responding is not audited, for the reason area alerts are not: the audit
trail would keep a member of the public's address for ever.

**What they choose.** Whether their response may be published when the working group publishes its
response: ``private`` (read by the working group only), ``anonymous`` or ``named`` (with their name
and organisation, when they gave them).

**Limits.** Each answer's reason is at most ``MAX_REASON`` characters, and a response answers at most
``MAX_ANSWERS`` topics (the rate limits and the honeypot field are the web form's). A closed
consultation refuses responses, and so does one whose final version is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from registry.domain import clock, notifications
from registry.domain.administration import EMAIL
from registry.domain.consultations.reading import Proposal
from registry.domain.errors import Refused
from registry.domain.tokens import new_token, token_hash
from registry.extensions import db
from registry.models import Consultation, ConsultationAnswer, ConsultationResponse, Notification
from registry.models.consultations import OVERALL, PUBLICATION_CHOICES, VIEWS
from registry.models.notifications import CONSULTATION_VERIFY

MAX_REASON = 5000
MAX_ANSWERS = 20
VERIFY_DAYS = 7


@dataclass(frozen=True)
class AnswerInput:
    topic: str
    view: str
    reason: str


@dataclass(frozen=True)
class ResponseInput:
    email: str
    publication: str
    answers: tuple[AnswerInput, ...]
    name: str = ""
    organisation: str = ""


def closed_message(consultation: Consultation) -> str:
    return (
        f"This consultation closed on {consultation.closes_on:%-d %B %Y}. It no longer takes responses; "
        "the working group publishes its response with the final version."
    )


def refuse_unless_open(consultation: Consultation, today: date) -> None:
    if not consultation.is_open(today):
        raise Refused("consultation", closed_message(consultation))


def _checked(proposal: Proposal, given: ResponseInput) -> tuple[str, list[AnswerInput]]:
    email = given.email.strip().lower()
    if not EMAIL.match(email) or len(email) > 254:
        raise Refused("email", "Enter an email address like name@example.com")
    if given.publication not in PUBLICATION_CHOICES:
        raise Refused("publication", "Select whether we may publish your response")
    topics = proposal.topics()
    answers = [a for a in given.answers if a.view or a.reason.strip()]
    if not answers:
        raise Refused("overall_view", "Answer at least one question: say whether you agree, and why")
    if len(answers) > MAX_ANSWERS:
        raise Refused("overall_view", f"Answer at most {MAX_ANSWERS} questions in one response")
    for answer in answers:
        if answer.topic not in topics:
            raise Refused("other_code", f"{answer.topic} is not a criterion or question of this draft")
        named = "the proposal as a whole" if answer.topic == OVERALL else answer.topic
        if answer.view not in VIEWS:
            raise Refused(f"{field_name(answer.topic)}_view", f"Say whether you agree with {named}")
        if not answer.reason.strip():
            raise Refused(f"{field_name(answer.topic)}_reason", f"Say why, for {named}")
        if len(answer.reason) > MAX_REASON:
            raise Refused(f"{field_name(answer.topic)}_reason", f"Write {MAX_REASON:,} characters or fewer")
    return email, answers


def field_name(topic: str) -> str:
    """The form's name for a topic's answers (``MS-5.2`` -> ``MS_5_2``)."""
    return topic.replace("-", "_").replace(".", "_")


def respond(proposal: Proposal, given: ResponseInput) -> ConsultationResponse:
    """Record a response, unverified, and queue its verification email."""
    consultation = proposal.consultation
    refuse_unless_open(consultation, clock.today())
    email, answers = _checked(proposal, given)
    token = new_token()
    response = ConsultationResponse(
        consultation=consultation,
        name=given.name.strip()[:200] or None,
        organisation=given.organisation.strip()[:200] or None,
        email=email,
        publication=given.publication,
        confirm_token_hash=token_hash(token),
        created_at=clock.now(),
        answers=[ConsultationAnswer(topic=a.topic, view=a.view, reason=a.reason.strip()) for a in answers],
    )
    db.session.add(response)
    db.session.flush()
    subject, body = _verification_message(consultation, token)
    db.session.add(Notification(kind=CONSULTATION_VERIFY, consultation_response=response, subject=subject, body=body))
    db.session.flush()
    return response


def _verification_message(consultation: Consultation, token: str) -> tuple[str, str]:
    link = notifications.public_url(f"/standards/consultations/verify/{token}")
    title = f"{consultation.title}, version {consultation.version}"
    lines = [
        "Hello,",
        "",
        f"Thank you for responding to the consultation on the draft {title}.",
        "",
        f"Your response counts once you confirm this email address, within {VERIFY_DAYS} days and before "
        f"the consultation closes on {consultation.closes_on:%-d %B %Y}: {link}",
        "",
        "We never publish your email address or show it to anyone.",
        "If you did not respond, ignore this email: the response will not count.",
    ]
    return f"Confirm your response to the consultation on {title}", "\n".join(lines) + "\n"


def pending(token: str) -> ConsultationResponse | None:
    """The unverified response a verification link was made for, while the link works."""
    if not token or len(token) > 100:
        return None
    response = db.session.scalars(
        select(ConsultationResponse).where(ConsultationResponse.confirm_token_hash == token_hash(token))
    ).first()
    if response is None or response.created_at < clock.now() - timedelta(days=VERIFY_DAYS):
        return None
    return response


def verify(response: ConsultationResponse) -> None:
    """The response counts from now on; the link is used up. Refused once the consultation has closed."""
    refuse_unless_open(response.consultation, clock.today())
    response.verified_at = clock.now()
    response.confirm_token_hash = None
    db.session.flush()
