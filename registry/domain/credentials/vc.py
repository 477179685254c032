"""The verifier of the register's VC-JWTs (``typ`` ``vc+jwt``): an accreditation credential (Open
Badges 3.0 shape) checked against its dates and both status lists, or a status list itself."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from registry.domain import clock
from registry.domain.credentials.status import PURPOSES, bit_at, decode
from registry.domain.credentials.verdicts import (
    EXPIRED,
    NOT_YET_VALID,
    REVOKED,
    STATUS_NOT_CHECKED,
    SUSPENDED,
    UNKNOWN_KIND,
    VALID,
    Context,
    Verdict,
)

HEADLINES = {
    REVOKED: "The register signed this credential, but it has been revoked: the accreditation was withdrawn "
    "or has ended. Do not rely on it.",
    SUSPENDED: "The register signed this credential, but the accreditation is suspended or has lapsed now. "
    "Do not rely on it until it is reinstated.",
    EXPIRED: "The register signed this credential, but its accreditation period ended on {until}.",
    NOT_YET_VALID: "The register signed this credential, but it is valid only from {since}.",
    VALID: "This is a genuine credential from the register, and the accreditation it shows is current.",
    STATUS_NOT_CHECKED: "This is a genuine credential from the register. Whether it has been suspended or revoked "
    "since could not be checked.",
}


def verify_vc_jwt(header: dict[str, Any], payload: dict[str, Any], context: Context) -> Verdict:
    types = payload.get("type", [])
    if "BitstringStatusListCredential" in types:
        subject = payload.get("credentialSubject", {})
        return Verdict(
            True,
            VALID,
            "This is a status list signed by the register.",
            kind="status list",
            facts=[("Purpose", str(subject.get("statusPurpose"))), ("Valid from", str(payload.get("validFrom")))],
        )
    if "OpenBadgeCredential" not in types:
        return Verdict(True, UNKNOWN_KIND, "The register signed this credential, but it is not one this check knows.")
    return _accreditation_verdict(payload, context)


def _accreditation_verdict(payload: dict[str, Any], context: Context) -> Verdict:
    subject = payload.get("credentialSubject", {})
    achievement = subject.get("achievement", {})
    number = next((item.get("identityHash") for item in subject.get("identifier", [])), "")
    facts = [
        ("What it is", str(achievement.get("name"))),
        ("Registration number" if str(number).startswith("SM") else "Programme reference", str(number)),
        ("Name", str(subject.get("name"))),
        ("Accrediting body", str(achievement.get("creator", {}).get("name"))),
        ("Valid from", _day(payload.get("validFrom"))),
        ("Valid until", _day(payload.get("validUntil"))),
    ]
    if payload.get("description"):
        facts.append(("Conditions", str(payload["description"])))
    notes: list[str] = []
    flags = _status_flags(payload.get("credentialStatus", []), context, notes)
    outcome = _outcome(payload, flags, context.now.isoformat()[:19] + "Z")
    if outcome == VALID and len(flags) < len(PURPOSES):
        outcome = STATUS_NOT_CHECKED  # genuine, but not good to rely on without its status
    headline = HEADLINES[outcome].format(until=_day(payload.get("validUntil")), since=_day(payload.get("validFrom")))
    return Verdict(True, outcome, headline, kind="accreditation credential", facts=facts, notes=notes)


def _outcome(payload: dict[str, Any], flags: dict[str, bool], now: str) -> str:
    if flags.get("revocation"):
        return REVOKED
    if flags.get("suspension"):
        return SUSPENDED
    if payload.get("validUntil") and str(payload["validUntil"]) < now:
        return EXPIRED
    if payload.get("validFrom") and str(payload["validFrom"]) > now:
        return NOT_YET_VALID
    return VALID


def _status_flags(entries: Any, context: Context, notes: list[str]) -> dict[str, bool]:
    flags: dict[str, bool] = {}
    for entry in entries if isinstance(entries, list) else [entries]:
        if not isinstance(entry, dict) or entry.get("statusPurpose") not in PURPOSES:
            continue
        purpose, address = str(entry["statusPurpose"]), str(entry.get("statusListCredential"))
        listed = context.status_lists(address)
        if listed is None:
            notes.append(f"The {purpose} list ({address}) was not available, so it was not checked.")
            continue
        try:
            flags[purpose] = bit_at(decode(listed.encoded), int(entry.get("statusListIndex", "")))
        except ValueError as error:
            notes.append(f"The {purpose} list could not be read ({error}).")
            continue
        if context.offline:
            notes.append(f"Checked against the {purpose} list you gave, valid from {listed.valid_from}.")
    return flags


def _day(value: Any) -> str:
    return clock.long_date(datetime.fromisoformat(str(value)[:10]).date()) if value else "—"
