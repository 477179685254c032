"""The owner's response to an action."""

from __future__ import annotations

from registry.web.fields import checkbox, submit_button, text_area
from registry.web.forms import RegisterForm


class ResponseForm(RegisterForm):
    response = text_area(
        "Your response",
        hint="What your organisation has done, or will do and by when. The oversight panel sees it.",
        required="Say what your organisation has done or will do",
    )
    done = checkbox("The action is done")
    submit = submit_button("Send response")
