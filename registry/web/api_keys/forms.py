from __future__ import annotations

import re
import secrets

from wtforms import HiddenField
from wtforms.validators import Regexp

from registry.domain.api_keys import NAME_MAX_LENGTH
from registry.models import ApiKey
from registry.models.webhooks import AREA, URL_MAX_LENGTH, WATCHLIST
from registry.web.fields import choices, radios, select, submit_button, text_input
from registry.web.forms import RegisterForm


class CreateKeyForm(RegisterForm):
    name = text_input(
        "Name the key",
        hint="Say which system will use it, so you know which key to revoke. For example, Case management.",
        required="Enter a name for the key",
        max_length=NAME_MAX_LENGTH,
        too_long=f"The name must be {NAME_MAX_LENGTH} characters or fewer",
    )
    submit = submit_button("Create a key")


class RevokeKeyForm(RegisterForm):
    submit = submit_button("Revoke")


# Webhooks (registry/web/api_keys/webhooks.py)

FORM_TOKEN = r"^[A-Za-z0-9_-]{16,64}$"
FORM_AGAIN = "Something went wrong with the form. Check your answers and add the webhook again"
SCOPE_CHOICES = (
    (WATCHLIST, "Changes to the mediators on your watchlist"),
    (AREA, "Changes to every mediator who covers your local authority"),
)


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


class WebhookForm(RegisterForm):
    url = text_input(
        "Endpoint address",
        hint="Where your system receives the changes. It must start with https:// and be reachable from the internet.",
        required="Enter the address of your endpoint",
        max_length=URL_MAX_LENGTH,
        too_long=f"The address must be {URL_MAX_LENGTH} characters or fewer",
    )
    scope = radios("Which changes should be sent?", SCOPE_CHOICES, required="Choose which changes to send")
    api_key_id = select(
        "API key",
        hint="The webhook works while this key does: revoking the key stops it.",
        required="Choose one of your local authority’s active API keys",
    )
    # One per form shown: sent again (a reload), it adds nothing (registry.domain.webhooks.subscriptions).
    form_token = HiddenField(validators=[Regexp(FORM_TOKEN, message=FORM_AGAIN)])
    submit = submit_button("Add the webhook")

    def set_keys(self, keys: list[ApiKey]) -> None:
        named = [(str(key.id), f"{key.name} ({key.prefix}…)") for key in keys]
        self.api_key_id.choices = choices([("", "Choose a key"), *named])
        if not re.match(FORM_TOKEN, self.form_token.data or ""):
            self.form_token.data = new_form_token()


class WebhookActionForm(RegisterForm):
    """Pause, resume or delete: a button and its CSRF token."""
