from __future__ import annotations

from registry.domain.api_keys import NAME_MAX_LENGTH
from registry.web.fields import submit_button, text_input
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
