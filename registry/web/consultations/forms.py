"""The response form (built per draft: one agree/disagree question and one "why" per topic offered) and
the working group's forms."""

from __future__ import annotations

from collections.abc import Iterable

from wtforms import Field, StringField
from wtforms.widgets import TextInput

from registry.domain.consultations.responses import MAX_REASON, AnswerInput, ResponseInput, field_name
from registry.web.fields import radios, submit_button, text_area, text_input
from registry.web.forms import RegisterForm

PUBLICATION = {
    "named": "Yes, with my name (and organisation, if I gave one)",
    "anonymous": "Yes, without my name (the working group does not see it either)",
    "private": "No, only the working group may read it",
}
VIEW_CHOICES = [("agree", "I agree"), ("disagree", "I disagree")]
OTHER = "other"
TOO_LONG = f"Write {MAX_REASON:,} characters or fewer"


class ResponseBase(RegisterForm):
    name = text_input("Your name (optional)", optional=True, max_length=200, too_long="Enter 200 characters or fewer")
    organisation = text_input(
        "Organisation you respond for (optional)",
        hint="Leave it empty if you respond for yourself.",
        optional=True,
        max_length=200,
        too_long="Enter 200 characters or fewer",
    )
    email = text_input(
        "Your email address",
        hint="We email you a link to confirm your response: it counts once you use it. "
        "We never publish your address or show it to anyone.",
        required="Enter your email address",
        max_length=254,
        too_long="Enter an email address of 254 characters or fewer",
    )
    publication = radios(
        "May we publish your response?",
        PUBLICATION.items(),
        hint="The working group reads every response. It publishes those it may with its response.",
        required="Select whether we may publish your response",
    )
    # The register's honeypot, as on the email alert form: hidden from people (register.scss), left
    # empty by them, filled in by form-filling bots, whose response is quietly dropped.
    homepage = StringField("Leave this empty", widget=TextInput(), render_kw={"autocomplete": "off", "tabindex": "-1"})
    submit = submit_button("Send your response")

    topics: dict[str, str] = {}

    @property
    def from_a_bot(self) -> bool:
        return bool((self.homepage.data or "").strip())

    def topic_fields(self) -> list[tuple[str, str, Field, Field]]:
        """(code, label, view field, reason field) for each topic the form offers."""
        return [
            (code, label, self[f"{field_name(code)}_view"], self[f"{field_name(code)}_reason"])
            for code, label in self.topics.items()
        ]

    def to_input(self) -> ResponseInput:
        answers = [
            AnswerInput(code, view.data or "", reason.data or "") for code, _, view, reason in self.topic_fields()
        ]
        other = (self["other_code"].data or "").strip().upper()
        if other or self["other_view"].data or (self["other_reason"].data or "").strip():
            answers.append(AnswerInput(other, self["other_view"].data or "", self["other_reason"].data or ""))
        return ResponseInput(
            email=self.email.data or "",
            publication=self.publication.data or "",
            answers=tuple(answers),
            name=self.name.data or "",
            organisation=self.organisation.data or "",
        )


def _answer_fields(code: str, label: str) -> dict[str, Field]:
    name = field_name(code)
    return {
        f"{name}_view": radios(label, VIEW_CHOICES, optional=True, validate_choice=False),
        f"{name}_reason": text_area("Why?", optional=True, max_length=MAX_REASON, too_long=TOO_LONG),
    }


def response_form(topics: Iterable[tuple[str, str]]) -> type[ResponseBase]:
    """A form class offering ``topics`` (code, label), and one more criterion of the respondent's choice."""
    offered = dict(topics)
    attributes: dict[str, object] = {"topics": offered}
    for code, label in offered.items():
        attributes |= _answer_fields(code, label)
    attributes["other_code"] = text_input(
        "Another criterion (optional)",
        hint="Its code, like MS-4.2: the full draft below lists them.",
        optional=True,
        max_length=20,
        too_long="Enter a code like MS-4.2",
    )
    attributes |= {
        "other_view": radios("Do you agree with it?", VIEW_CHOICES, optional=True, validate_choice=False),
        "other_reason": text_area("Why?", optional=True, max_length=MAX_REASON, too_long=TOO_LONG),
    }
    return type("ResponseForm", (ResponseBase,), attributes)


class ThemeForm(RegisterForm):
    theme = text_input("Theme", hint="A few words, like ‘training needed’.", required="Enter a theme", max_length=60)
    submit = submit_button("Tag")


class HideForm(RegisterForm):
    reason = text_area(
        "Why hide this response?",
        hint="Recorded with your name. The response leaves every count, the export and the published page.",
        required="Say why you are hiding this response",
        max_length=MAX_REASON,
        too_long=TOO_LONG,
    )
    submit = submit_button("Hide response")


class DecisionForm(RegisterForm):
    decision = text_area(
        "What was decided, and why",
        hint="Published with the final version, as the working group’s response on this topic.",
        required="Write what was decided and why",
        max_length=MAX_REASON,
        too_long=TOO_LONG,
    )
    submit = submit_button("Save the decision")
