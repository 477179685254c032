"""QR codes: the one on a mediator's profile, linking to the profile's verification address, and the
drawing itself (segno's SVG), which the second-factor set-up page uses too.

The address is built from ``PUBLIC_BASE_URL`` (not the request's host), so a printed profile always
points at the real register. On the profile the code is an image of its own
(``/mediators/<number>/qr.svg``): drawing it is most of the work of a profile page, and it never
changes, so browsers and the register keep it. It is decorative (``alt=""``) because the same
address is printed as text beside it.
"""

from __future__ import annotations

from functools import lru_cache

import segno
from flask import current_app, url_for
from markupsafe import Markup

SIZE = 160  # CSS pixels; the image is square, so the page does not move when it arrives


def qr_svg(data: str, **attributes: str) -> str:
    """``data`` as an SVG QR code (medium error correction), with ``attributes`` on the <svg> element."""
    code = segno.make(data, error="m", micro=False)
    svg = code.svg_inline(scale=4, border=4, dark="#0b0c0c", light="#ffffff", svgclass="register-qr", omitsize=True)
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attributes.items())
    return svg.replace("<svg", "<svg" + extra, 1)


def verification_url(registration_number: str) -> str:
    base = str(current_app.config["PUBLIC_BASE_URL"]).rstrip("/")
    return f"{base}/mediators/{registration_number}"


def verification_qr(registration_number: str) -> Markup:
    """The profile's <img> of the code."""
    source = url_for("mediator_profile.qr_code", registration_number=registration_number)
    return Markup(f'<img class="register-qr" src="{source}" alt="" width="{SIZE}" height="{SIZE}">')  # noqa: S704


@lru_cache(maxsize=4096)
def verification_qr_svg(url: str) -> str:
    """The code for an address, as a standalone SVG document."""
    return '<?xml version="1.0" encoding="utf-8"?>\n' + qr_svg(url, xmlns="http://www.w3.org/2000/svg")
