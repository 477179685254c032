"""The QR code on a mediator's profile, linking to the profile's verification address.

The address is built from ``PUBLIC_BASE_URL`` (not the request's host), so a printed profile
always points at the real register. The code is an inline SVG made by segno; it is hidden from
screen readers because the same address is printed as text beside it.
"""

from __future__ import annotations

from functools import lru_cache

import segno
from flask import current_app
from markupsafe import Markup


def verification_url(registration_number: str) -> str:
    base = str(current_app.config["PUBLIC_BASE_URL"]).rstrip("/")
    return f"{base}/mediators/{registration_number}"


def verification_qr(registration_number: str) -> Markup:
    return _qr_svg(verification_url(registration_number))


@lru_cache(maxsize=4096)
def _qr_svg(url: str) -> Markup:
    """The code for an address never changes, and drawing it is most of a profile page's work: kept."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=4, border=4, dark="#0b0c0c", light="#ffffff", svgclass="register-qr", omitsize=True)
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))  # noqa: S704 - segno's own SVG
