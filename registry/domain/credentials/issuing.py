"""The credentials the register issues, as VC-JWTs (W3C VC Data Model 2.0, secured with JOSE:
``typ`` ``vc+jwt``, ``cty`` ``vc``; the JWT's payload is the credential itself, as VC-JOSE-COSE says).

- **Accreditation credentials**, in the Open Badges 3.0 shape (``OpenBadgeCredential``): the
  achievement is the accreditation (an accredited SEND mediator against a version of the mediator
  standards; an accredited training programme at its level), created by the accrediting body; the
  issuer is the register (its ``did:web``), named as issuing for that body; the subject is the
  mediator (their registration number and public name, their profile's address as ``id``) or the
  programme. Only public fields go in.
- **Issued on demand, from the register as it stands**, signed at the request: a renewal or a change
  of conditions is in the next credential fetched, and nothing is stored but the subject's position
  on the status lists (``status``), which every credential for the same accreditation shares.
  ``validFrom``/``validUntil`` are the accreditation's period, and the credential's ``id`` is a UUID
  derived from the accreditation and that period, so a renewal is a new credential. A credential is
  issued only for a *current* accreditation (accredited, in its period); for anything else
  ``NoCurrentAccreditation`` says what the entry's status is.
- **The status lists** as ``BitstringStatusListCredential`` VC-JWTs (``status_list_credential``):
  ``validFrom`` is the last change of a bit, so an unchanged list signs to the same token (Ed25519
  signatures are deterministic), which is what its ``ETag`` is made from.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select

from registry.domain import clock
from registry.domain.credentials import identity
from registry.domain.credentials.jose import sign_jws
from registry.domain.credentials.status import PURPOSES, position_of, status_list
from registry.domain.errors import NotFound
from registry.domain.registration_numbers import normalise
from registry.domain.training.labels import LEVEL_NAMES
from registry.domain.training.queries import public_programme, public_status
from registry.extensions import db
from registry.models import Accreditation, Mediator, Organisation, TrainingProgramme

VC_JWT = "vc+jwt"
MEDIA_TYPE = "application/vc+jwt"
CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
STATUS_LIST_TTL_SECONDS = 60  # how long a verifier may keep a status list (its Cache-Control max-age too)


class NoCurrentAccreditation(NotFound):
    """The entry exists but holds no accreditation a credential could be issued for now."""


def mediator_credential(registration_number: str) -> str:
    """The VC-JWT of the mediator's current accreditation. Raises InvalidRegistrationNumber,
    NotFound or NoCurrentAccreditation."""
    number = normalise(registration_number, "SM")
    mediator = db.session.scalars(select(Mediator).where(Mediator.registration_number == number)).first()
    if mediator is None or mediator.left_register_on is not None:
        raise NotFound(f"No mediator on the register has the registration number {number}.")
    accreditation = _current_accreditation(mediator)
    subject = {
        "id": f"{identity.base_url()}/mediators/{number}",
        "type": ["AchievementSubject"],
        "name": mediator.display_name,
        "identifier": [_identifier(number)],
        "achievement": _achievement(
            f"{identity.base_url()}/standards/mediator-standards/{accreditation.standards_version}",
            "Accredited SEND mediator",
            f"Accredited as a SEND mediator against version {accreditation.standards_version} of the "
            "mediator standards, by the accrediting body named as its creator.",
            accreditation.body,
        ),
    }
    return _signed(
        accreditation, subject, accreditation.valid_from, accreditation.valid_until, accreditation.conditions
    )


def programme_credential(reference: str) -> str:
    """The VC-JWT of a training programme's current accreditation. Raises NotFound or NoCurrentAccreditation."""
    programme = public_programme(reference)
    status = public_status(programme)
    if status != "accredited" or programme.body is None:
        raise NoCurrentAccreditation(f"{programme.reference} is not accredited now (its status is {status}).")
    level = LEVEL_NAMES.get(programme.level, programme.level)
    subject = {
        "id": f"{identity.base_url()}/training/{programme.reference}",
        "type": ["AchievementSubject"],
        "name": programme.title,
        "identifier": [_identifier(programme.reference)],
        "achievement": _achievement(
            f"{identity.base_url()}/training#{programme.level}",
            f"Accredited SEND mediation training: {level}",
            f"{programme.title}, by {programme.provider.name}, accredited as {level.lower()} by the "
            "accrediting body named as its creator.",
            programme.body,
        ),
    }
    return _signed(programme, subject, programme.valid_from, programme.valid_until, programme.conditions)


def status_list_credential(purpose: str) -> str:
    """The signed ``BitstringStatusListCredential`` for ``purpose`` (``revocation`` or ``suspension``)."""
    if purpose not in PURPOSES:
        raise NotFound(f"There is no {purpose} status list: the register keeps {' and '.join(PURPOSES)}.")
    listed = status_list(purpose)
    url = identity.status_list_url(purpose)
    credential = {
        "@context": CONTEXTS[:1],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": identity.did(),
        "validFrom": _timestamp(listed.changed_at.isoformat()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": listed.encoded,
            "ttl": STATUS_LIST_TTL_SECONDS * 1000,
        },
    }
    return sign_jws(credential, VC_JWT, headers={"cty": "vc"})


def _current_accreditation(mediator: Mediator) -> Accreditation:
    today = clock.today()
    current = [
        a
        for a in db.session.scalars(select(Accreditation).where(Accreditation.mediator_id == mediator.id))
        if a.status == "accredited" and a.valid_from is not None and a.valid_from <= today
        if a.valid_until is None or a.valid_until >= today
    ]
    if not current:
        raise NoCurrentAccreditation(
            f"{mediator.registration_number} is not accredited now, so the register issues no credential for it. "
            "Its entry on the register says what its status is."
        )
    return max(current, key=lambda a: (a.valid_until or date.max, a.id))


def _identifier(number: str) -> dict[str, Any]:
    return {"type": "IdentityObject", "identityType": "identifier", "hashed": False, "identityHash": number}


def _achievement(achievement_id: str, name: str, narrative: str, body: Organisation) -> dict[str, Any]:
    return {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "License",
        "name": name,
        "description": narrative,
        "criteria": {"id": achievement_id, "narrative": narrative},
        "creator": {"id": f"{identity.base_url()}/api/v1/bodies#{body.slug}", "type": ["Profile"], "name": body.name},
    }


def _signed(
    subject_record: Accreditation | TrainingProgramme,
    subject: dict[str, Any],
    valid_from: date | None,
    valid_until: date | None,
    conditions: str | None,
) -> str:
    entry = position_of(subject_record)
    body = subject["achievement"]["creator"]["name"]
    kind = "accreditation" if isinstance(subject_record, Accreditation) else "programme"
    seed = f"{identity.base_url()}|{kind}|{subject_record.id}|{valid_from}|{valid_until}|{conditions or ''}"
    credential: dict[str, Any] = {
        "@context": CONTEXTS,
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": subject["achievement"]["name"],
        "issuer": {
            "id": identity.did(),
            "type": ["Profile"],
            "name": f"SEND Mediation Register, for {body}",
            "url": identity.base_url(),
        },
        "validFrom": _timestamp(f"{valid_from}T00:00:00"),
        "credentialSubject": subject,
        "credentialStatus": [
            {
                "id": f"{identity.status_list_url(purpose)}#{entry.status_index}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": purpose,
                "statusListIndex": str(entry.status_index),
                "statusListCredential": identity.status_list_url(purpose),
            }
            for purpose in PURPOSES
        ],
    }
    if valid_until is not None:
        credential["validUntil"] = _timestamp(f"{valid_until}T23:59:59")
    if conditions:
        credential["description"] = f"Accredited — conditions apply: {conditions}"
    return sign_jws(credential, VC_JWT, headers={"cty": "vc"})


def _timestamp(iso: str) -> str:
    """An XML Schema dateTime in UTC with a ``Z``, to the second."""
    return iso[:19] + "Z"
