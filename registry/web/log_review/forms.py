"""The registrar's decisions on a mediator's log: an entry verified or rejected, a renewal request."""

from __future__ import annotations

from registry.web.fields import radios, submit_button, text_area
from registry.web.forms import RegisterForm, VersionField


class _LogDecisionForm(RegisterForm):
    """A decision on something the mediator sent, as of the version the page showed."""

    expected_version = VersionField()

    def version(self) -> int | None:
        return self.expected_version.number


class ReviewForm(_LogDecisionForm):
    decision = radios(
        "Your review",
        [("verify", "Verify: the entry and its evidence are in order"), ("reject", "Reject: it does not count")],
        required="Choose verify or reject",
    )
    note = text_area("Note to the mediator", hint="Needed when you reject an entry. The mediator sees it.")
    submit = submit_button("Save review")


class RenewalDecisionForm(_LogDecisionForm):
    decision = radios(
        "Your decision",
        [("renew", "Renew for another 12 months"), ("decline", "Decline the request")],
        required="Choose renew or decline",
    )
    note = text_area(
        "Note",
        hint="Needed when you decline: the mediator sees it. When you renew, it is kept as the private reason.",
    )
    submit = submit_button("Record decision")
