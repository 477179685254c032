from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import InputRequired

from registry.web.forms import RegisterForm, VersionField
from registry.web.mediator.forms.fields import choices


class ReviewForm(RegisterForm):
    decision = RadioField(
        "Your review",
        choices=choices(
            [
                ("verify", "Verify: the entry and its evidence are in order"),
                ("reject", "Reject: it does not count"),
            ]
        ),
        widget=GovRadioInput(),
        validators=[InputRequired("Choose verify or reject")],
    )
    note = TextAreaField(
        "Note to the mediator",
        description="Needed when you reject an entry. The mediator sees it.",
        widget=GovTextArea(),
    )
    expected_version = VersionField()
    submit = SubmitField("Save review", widget=GovSubmitInput())

    def version(self) -> int | None:
        return self.expected_version.number


class RenewalDecisionForm(RegisterForm):
    decision = RadioField(
        "Your decision",
        choices=choices([("renew", "Renew for another 12 months"), ("decline", "Decline the request")]),
        widget=GovRadioInput(),
        validators=[InputRequired("Choose renew or decline")],
    )
    note = TextAreaField(
        "Note",
        description="Needed when you decline: the mediator sees it. When you renew, it is kept as the private reason.",
        widget=GovTextArea(),
    )
    expected_version = VersionField()
    submit = SubmitField("Record decision", widget=GovSubmitInput())

    def version(self) -> int | None:
        return self.expected_version.number
