"""The QR code a person scans to add the register to their authenticator app (segno's SVG)."""

from __future__ import annotations

from markupsafe import Markup

from registry.domain.accounts.second_factor import provisioning_uri
from registry.models import User
from registry.web.find.qr import qr_svg


def enrolment_qr(user: User, secret: str) -> Markup:
    svg = qr_svg(provisioning_uri(user, secret), role="img", aria_label="QR code for your authenticator app")
    return Markup(svg)  # noqa: S704 - segno's own SVG
