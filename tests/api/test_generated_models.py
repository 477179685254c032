"""Models generated from the spec by ``datamodel-codegen`` (another generator LA developers use)
validate the register's real answers, operation by operation: every JSON answer of every operation.

The spec's schema names become the models' class names, so each answer is validated by the model of
the schema its operation declares for that status.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from registry.domain.checks import on_register
from registry.extensions import db
from registry.models import Mediator


def _models(spec: dict[str, Any], directory: Path) -> Any:
    (directory / "openapi.json").write_text(json.dumps(spec), encoding="utf-8")
    made = subprocess.run(
        [
            str(Path(sys.executable).with_name("datamodel-codegen")),
            "--input", str(directory / "openapi.json"),
            "--input-file-type", "openapi",
            "--output", str(directory / "register_models.py"),
            "--output-model-type", "pydantic_v2.BaseModel",
            "--formatters", "ruff-format",
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    sys.path.insert(0, str(directory))
    try:
        return importlib.import_module("register_models")
    finally:
        sys.path.remove(str(directory))


def _declared(spec: dict[str, Any]) -> dict[str, dict[str, str]]:
    """operationId → {status: schema name} for every JSON answer the spec declares."""
    declared: dict[str, dict[str, str]] = {}
    for item in spec["paths"].values():
        for method, operation in item.items():
            if method == "parameters":
                continue
            for status, answer in operation["responses"].items():
                schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
                if status.startswith("2") and "$ref" in schema:
                    declared.setdefault(operation["operationId"], {})[status] = schema["$ref"].rsplit("/", 1)[-1]
    return declared


def test_models_generated_from_the_spec_validate_every_operations_answers(
    client, demo_register, api_key, la_organisation, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    spec = client.get("/api/v1/openapi.json").json
    models = _models(spec, tmp_path)
    keyed = {"Authorization": f"Bearer {api_key(la_organisation('E08000039')).token}"}
    number = db.session.scalars(select(Mediator.registration_number).where(on_register()).limit(1)).one()
    programme = client.get("/api/v1/training-programmes").json["items"][0]["reference"]
    standard = client.get("/api/v1/standards").json["items"][0]
    check = client.post("/api/v1/checks", json={"numbers": [number, "SM-000001-0"]}, headers=keyed)
    calls = {
        "get_bodies": ("get", "/api/v1/bodies", None),
        "get_changes": ("get", "/api/v1/changes?limit=5", None),
        "post_checks": ("post", "/api/v1/checks", {"numbers": [number, "nonsense"]}),
        "get_checks_check_id": ("get", f"/api/v1/checks/{check.json['id']}", None),
        "get_local_authorities": ("get", "/api/v1/local-authorities", None),
        "get_local_authorities_code": ("get", "/api/v1/local-authorities/E08000039", None),
        "get_mediators": ("get", "/api/v1/mediators?status=any", None),
        "get_mediators_registration_number": ("get", f"/api/v1/mediators/{number}", None),
        "get_mediators_registration_number_history": ("get", f"/api/v1/mediators/{number}/history", None),
        "get_mediators_registration_number_status": ("get", f"/api/v1/mediators/{number}/status", None),
        "get_standards": ("get", "/api/v1/standards", None),
        "get_standards_family_version": ("get", f"/api/v1/standards/{standard['family']}/{standard['version']}", None),
        "get_training_programmes": ("get", "/api/v1/training-programmes?status=any", None),
        "get_training_programmes_reference": ("get", f"/api/v1/training-programmes/{programme}", None),
        "put_watchlist_registration_number": ("put", f"/api/v1/watchlist/{number}", None),
        "get_watchlist": ("get", "/api/v1/watchlist", None),
        "get_watchlist_registration_number": ("get", f"/api/v1/watchlist/{number}", None),
        "post_verify": ("post", "/api/v1/verify", {"token": client.get(f"/api/v1/mediators/{number}/credential").text}),
    }
    declared = _declared(spec)
    assert set(declared) == set(calls), "an operation with a JSON answer has no call here"
    for operation, (method, path, body) in calls.items():
        response = client.open(path, method=method.upper(), json=body, headers=keyed)
        schema = declared[operation].get(str(response.status_code))
        assert schema, (operation, response.status_code, response.json)
        getattr(models, schema).model_validate_json(response.get_data(as_text=True), strict=True)
