"""What the website adds to a mediator's public profile: the QR code and verification link, the
way to raise a concern, and, for LA officers only, adding the mediator to the LA's watchlist."""

from __future__ import annotations

import pytest

from tests.conftest import csrf_token_from
from tests.test_pages_basics import assert_page_basics

WATCH_BUTTON = "Add to your local authority’s watchlist"


def test_the_profile_has_a_qr_code_and_a_verification_link(client, on_register, app, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://register.example")
    mediator = on_register("Ada Lovelace")
    response = client.get(f"/mediators/{mediator.registration_number}")
    assert response.status_code == 200
    assert_page_basics(response.text)
    url = f"https://register.example/mediators/{mediator.registration_number}"
    assert f'id="verification-link" href="{url}"' in response.text
    assert f'<img class="register-qr" src="/mediators/{mediator.registration_number}/qr.svg" alt=""' in response.text
    assert f'href="/concerns/new?mediator={mediator.registration_number}"' in response.text


@pytest.mark.parametrize("role", [None, "registrar", "mediator"])
def test_only_la_officers_are_offered_the_watchlist(client, client_as, on_register, role) -> None:
    mediator = on_register()
    visitor = client_as(role) if role else client
    assert WATCH_BUTTON not in visitor.get(f"/mediators/{mediator.registration_number}").text


def test_an_la_officer_adds_the_mediator_from_the_profile_and_comes_back_to_it(client_as, on_register) -> None:
    officer = client_as("la_officer")
    mediator = on_register("Grace Hopper")
    profile = officer.get(f"/mediators/{mediator.registration_number}")
    assert WATCH_BUTTON in profile.text
    facts = assert_page_basics(profile.text)
    assert all(form.csrf_token for form in facts.forms if form.method == "post")
    response = officer.post(
        "/workspace/local-authority/watchlist",
        data={
            "csrf_token": csrf_token_from(profile.text),
            "registration_number": mediator.registration_number,
            "return_to": "profile",
        },
    )
    assert response.location == f"/mediators/{mediator.registration_number}"
    back = officer.get(response.location)
    assert "Grace Hopper is on your watchlist" in back.text
    assert WATCH_BUTTON not in back.text and 'id="watched"' in back.text  # not offered again once watched
    other_la = client_as("la_officer")  # another LA's officer has not watched them yet
    assert WATCH_BUTTON in other_la.get(f"/mediators/{mediator.registration_number}").text
    assert "Grace Hopper" in officer.get("/workspace/local-authority/watchlist").text
