"""The QR code a person scans to add the register to their authenticator app (segno's SVG)."""

from __future__ import annotations

import segno
from markupsafe import Markup

from registry.domain.accounts.second_factor import provisioning_uri
from registry.models import User


def enrolment_qr(user: User, secret: str) -> Markup:
    code = segno.make(provisioning_uri(user, secret), error="m", micro=False)
    svg = code.svg_inline(scale=4, border=4, dark="#0b0c0c", light="#ffffff", svgclass="register-qr", omitsize=True)
    labelled = '<svg role="img" aria-label="QR code for your authenticator app" '
    return Markup(svg.replace("<svg ", labelled, 1))  # noqa: S704 - segno's own SVG
