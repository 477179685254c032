"""The change feed and the CSV export: load the export, then follow the feed from its sequence."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from registry.domain import audit_checkpoints, changes
from registry.domain.accreditation import operations
from registry.domain.local_authorities import find_local_authority
from registry.domain.signing import Keyring, from_b64url
from registry.extensions import db
from registry.models import Accreditation, AuditCheckpoint, MediatorFormat, MediatorLanguage
from tests.api.conftest import count_queries


def _suspend(mediator, registrar) -> None:  # type: ignore[no-untyped-def]
    accreditation = db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id)).one()
    operations.suspend(accreditation, registrar, reason="PRIVATE reason", public_note="Suspended for now.")


def test_export_then_feed_misses_nothing(client, registered, factories) -> None:
    registrar = factories.person_with_role("registrar")
    body = registrar.roles[0].organisation
    ada, bea = registered("Ada", body=body), registered("Bea", body=body)
    export = client.get("/api/v1/exports/register.csv")
    assert export.status_code == 200 and export.mimetype == "text/csv"
    sequence = int(export.headers["X-Register-Sequence"])
    rows = list(csv.DictReader(io.StringIO(export.text)))
    ours = {
        r["registration_number"]: r
        for r in rows
        if r["registration_number"] in (ada.registration_number, bea.registration_number)
    }
    assert {r["status"] for r in ours.values()} == {"accredited"}
    assert {int(r["register_sequence"]) for r in rows} == {sequence}
    _suspend(bea, registrar)
    feed = client.get(f"/api/v1/changes?after={sequence}").json
    assert [(c["registration_number"], c["kind"], c["accreditation_status"]) for c in feed["items"]] == [
        (bea.registration_number, "suspended", "suspended")
    ]
    assert feed["items"][0]["public_note"] == "Suspended for now." and feed["next_after"] > sequence
    assert client.get(f"/api/v1/changes?after={feed['next_after']}").json["items"] == []


def test_feed_pages_by_cursor_with_a_next_link(client, registered) -> None:
    start = changes.latest_sequence()
    for name in ("Ada", "Bea", "Cal"):
        registered(name)
    first = client.get(f"/api/v1/changes?after={start}&limit=2")
    assert len(first.json["items"]) == 2 and first.json["has_more"] is True
    assert f"after={first.json['next_after']}" in first.headers["Link"]
    second = client.get(f"/api/v1/changes?after={first.json['next_after']}&limit=2").json
    assert len(second["items"]) == 1 and second["has_more"] is False
    sequences = [c["sequence"] for c in first.json["items"] + second["items"]]
    assert sequences == sorted(sequences) and len(set(sequences)) == 3
    assert client.get("/api/v1/changes?limit=1001").status_code == 422


def test_export_streams_everyone_in_batches(client, registered, factories, monkeypatch) -> None:
    monkeypatch.setattr(changes, "EXPORT_BATCH_SIZE", 3)
    names = [f"Exported {i}" for i in range(8)]
    for name in names:
        registered(name)
    applicant = factories.mediator(display_name="Only Applied")
    factories.accreditation(applicant, status="applied")
    response = client.get("/api/v1/exports/register.csv", buffered=False)
    assert response.is_streamed
    text = response.get_data(as_text=True)
    exported = {row["name"] for row in csv.DictReader(io.StringIO(text))}
    assert set(names) <= exported and "Only Applied" not in exported


def test_export_rows_carry_every_public_field_in_order(client, registered, factories) -> None:
    provider = factories.organisation(kind="mediation_provider", name="Zeta Mediation")
    other = factories.organisation(kind="mediation_provider", name="Alpha Mediation")
    full = registered("Full Entry", public_email="full@example.test", public_phone="0114 000 0000")
    full.areas.append(find_local_authority("E08000035"))  # Leeds, listed before Sheffield
    full.languages.append(MediatorLanguage(code="bfi"))
    full.formats.append(MediatorFormat(code="in_person"))
    full.providers.extend([provider, other])
    bare = registered("Bare Entry")
    bare.areas.clear(), bare.languages.clear(), bare.formats.clear(), bare.specialisms.clear()
    db.session.flush()
    rows = {
        r["registration_number"]: r
        for r in csv.DictReader(io.StringIO(client.get("/api/v1/exports/register.csv").text))
    }
    got = rows[full.registration_number]
    assert (got["name"], got["public_email"]) == ("Full Entry", "full@example.test")
    assert got["public_phone"] == "0114 000 0000"
    assert got["local_authorities"] == "E08000035;E08000039"
    assert got["languages"] == "bfi;en" and got["formats"] == "in_person;video" and got["specialisms"] == "autism"
    assert got["providers"] == "Alpha Mediation;Zeta Mediation"
    empty = rows[bare.registration_number]
    assert [empty[c] for c in ("local_authorities", "languages", "formats", "specialisms", "providers")] == [""] * 5
    assert empty["status"] == "accredited" and empty["accrediting_body"]


def test_export_query_count_does_not_grow_with_the_register(app, registered, monkeypatch) -> None:
    monkeypatch.setattr(changes, "EXPORT_BATCH_SIZE", 50)

    def export_statements() -> int:
        with app.test_request_context(), count_queries() as statements:
            snapshot = changes.register_snapshot(batch_size=50)
            list(snapshot.entries)
        return len(statements)

    for i in range(3):
        registered(f"Few {i}")
    few = export_statements()
    for i in range(30):
        registered(f"More {i}")
    assert export_statements() == few


def test_the_feed_publishes_each_audit_checkpoint_signed_in_the_same_sequence(app, client, registered) -> None:
    after = changes.latest_sequence()
    ada = registered("Ada")
    db.session.commit()
    assert app.test_cli_runner().invoke(args=["audit", "checkpoint"]).exit_code == 0
    bea = registered("Bea")
    db.session.commit()

    page = client.get(f"/api/v1/changes?after={after}").json
    assert [c["registration_number"] for c in page["items"]] == [ada.registration_number, bea.registration_number]
    (published,) = page["checkpoints"]
    assert page["items"][0]["sequence"] < published["sequence"] < page["items"][1]["sequence"]
    stored = db.session.scalars(select(AuditCheckpoint)).one()
    keyring = Keyring.from_settings(app.config)
    assert (published["events"], published["head_hash"], published["kid"], published["supersedes"]) == (
        stored.events,
        stored.head_hash,
        keyring.current_kid,
        None,
    )
    signed = audit_checkpoints.signed_content(stored.events, stored.head_hash, stored.taken_at, stored.kid, None)
    assert keyring.verify(signed, published["kid"], from_b64url(published["signature"]))
    # One cursor pages through both, and the limit counts both.
    alone = client.get(f"/api/v1/changes?after={published['sequence'] - 1}&limit=1").json
    assert alone["items"] == [] and alone["checkpoints"] == [published]
    assert alone["has_more"] is True and alone["next_after"] == published["sequence"]
