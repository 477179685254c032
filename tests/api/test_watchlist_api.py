"""``/api/v1/watchlist``: PUT adds, DELETE removes, GET lists with status; each LA sees its own."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from registry.domain import clock
from registry.domain.accreditation import suspend
from registry.domain.local_authorities import find_local_authority
from registry.extensions import db
from registry.models import Accreditation, IndependenceDeclaration


def test_watch_list_and_stop_watching(client, registered, api_key, la_organisation) -> None:
    organisation = la_organisation("E08000039")
    headers = {"Authorization": f"Bearer {api_key(organisation).token}"}
    ada, bea = registered("Ada"), registered("Bea", status="lapsed")
    db.session.add(
        IndependenceDeclaration(
            mediator=bea,
            kind="employment",
            local_authority=find_local_authority("E08000039"),
            started_on=clock.today() - timedelta(days=3),
        )
    )
    db.session.flush()
    added = client.put(f"/api/v1/watchlist/{ada.registration_number}", headers=headers)
    assert added.status_code == 201 and added.json["status"]["status"] == "accredited"
    assert client.put(f"/api/v1/watchlist/{ada.registration_number.lower()}", headers=headers).status_code == 200
    client.put(f"/api/v1/watchlist/{bea.registration_number}", headers=headers)
    listing = client.get("/api/v1/watchlist", headers=headers).json
    assert [(i["name"], i["status"]["status"], i["declared_conflict"]) for i in listing["items"]] == [
        ("Ada", "accredited", False),
        ("Bea", "lapsed", True),
    ]
    assert client.get(f"/api/v1/watchlist/{bea.registration_number}", headers=headers).status_code == 200
    assert client.delete(f"/api/v1/watchlist/{bea.registration_number}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/watchlist/{bea.registration_number}", headers=headers).status_code == 404
    assert client.delete(f"/api/v1/watchlist/{bea.registration_number}", headers=headers).status_code == 404
    assert [i["name"] for i in client.get("/api/v1/watchlist", headers=headers).json["items"]] == ["Ada"]


def test_each_la_sees_only_its_own_watchlist(client, registered, api_key, la_organisation) -> None:
    ours = {"Authorization": f"Bearer {api_key(la_organisation()).token}"}
    theirs = {"Authorization": f"Bearer {api_key(la_organisation()).token}"}
    number = registered().registration_number
    client.put(f"/api/v1/watchlist/{number}", headers=ours)
    assert client.get("/api/v1/watchlist", headers=theirs).json["items"] == []
    assert client.delete(f"/api/v1/watchlist/{number}", headers=theirs).status_code == 404


def test_watching_a_mistyped_or_unknown_number(client, api_key) -> None:
    headers = {"Authorization": f"Bearer {api_key().token}"}
    mistyped = client.put("/api/v1/watchlist/SM-000001-1", headers=headers)
    assert mistyped.status_code == 422 and "mistyped" in mistyped.json["detail"]
    assert client.put("/api/v1/watchlist/SM-000001-X", headers=headers).status_code == 404


def test_a_suspended_watched_mediator_shows_the_public_note_and_never_the_reason(
    client, registered, api_key, la_organisation, factories
) -> None:
    headers = {"Authorization": f"Bearer {api_key(la_organisation('E08000039')).token}"}
    sam = registered("Sam")
    client.put(f"/api/v1/watchlist/{sam.registration_number}", headers=headers)
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == sam.id)).one()
    suspend(accreditation, factories.person_with_role("registrar"), reason="A private reason", public_note="Paused.")
    db.session.flush()
    listed = client.get("/api/v1/watchlist", headers=headers)
    one = client.get(f"/api/v1/watchlist/{sam.registration_number}", headers=headers)
    for status in (listed.json["items"][0]["status"], one.json["status"]):
        assert (status["status"], status["public_note"]) == ("suspended", "Paused.")
    assert "A private reason" not in listed.text + one.text
