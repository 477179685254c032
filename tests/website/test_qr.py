"""The profile's QR code encodes the verification address built from PUBLIC_BASE_URL."""

from __future__ import annotations

import re

import pytest
import segno
from flask import render_template_string

NUMBER = "SM-004217-2"


def modules_from_svg(svg: str, scale: int = 4, border: int = 4) -> list[list[int]]:
    """Read segno's SVG (the dark modules are one stroked path) back into rows of dark (1) and light (0)."""
    path = re.search(r' stroke="[^"]+" d="([^"]+)"', svg).group(1)
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1)) // scale - border
    dark: set[tuple[int, int]] = set()
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHhVv])([-0-9. ]+)", path):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        elif command == "h":
            for column in range(int(x), int(x + values[0])):
                dark.add((int(y), column))
            x += values[0]
    return [[int((row, column) in dark) for column in range(border, size)] for row in range(border, size)]


def test_the_qr_code_encodes_the_public_verification_address(app, client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://register.example/")
    with app.test_request_context("/", base_url="http://internal-host:8000"):
        image = render_template_string("{{ verification_qr(number) }}", number=NUMBER)
        url = render_template_string("{{ verification_url(number) }}", number=NUMBER)
    assert url == f"https://register.example/mediators/{NUMBER}"
    assert image == f'<img class="register-qr" src="/mediators/{NUMBER}/qr.svg" alt="" width="160" height="160">'
    response = client.get(f"/mediators/{NUMBER}/qr.svg", base_url="http://internal-host:8000")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.cache_control.public and response.cache_control.max_age >= 86400
    svg = response.get_data(as_text=True)
    expected = segno.make(url, error="m", micro=False)
    assert modules_from_svg(svg) == [list(row) for row in expected.matrix]
    assert "internal-host" not in svg


def test_only_registration_numbers_have_a_qr_code(client) -> None:
    assert client.get("/mediators/SM-004217-3/qr.svg").status_code == 404  # mistyped
    assert client.get("/mediators/anything/qr.svg").status_code == 404
