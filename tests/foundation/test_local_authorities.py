"""The 153 English LAs with education duties, with Barnsley's and Sheffield's former codes."""

from __future__ import annotations

from sqlalchemy import func, select

from registry.domain.local_authorities import find_local_authority, load_local_authorities
from registry.extensions import db
from registry.models import LocalAuthority


def test_all_153_are_loaded_with_unique_codes() -> None:
    las = db.session.scalars(select(LocalAuthority)).all()
    assert len(las) == 153
    assert len({la.gss_code for la in las}) == 153
    assert len({la.dfe_code for la in las}) == 153
    assert all(len(la.dfe_code) == 3 and la.dfe_code.isdigit() for la in las)
    assert {la.gss_code[:3] for la in las} == {"E06", "E08", "E09", "E10"}
    assert len({la.region_name for la in las}) == 9


def test_loading_again_changes_nothing() -> None:
    assert load_local_authorities() == 0
    assert db.session.scalar(select(func.count()).select_from(LocalAuthority)) == 153


def test_found_by_gss_dfe_and_former_codes() -> None:
    sheffield = find_local_authority("E08000039")
    assert sheffield is not None and sheffield.name == "Sheffield"
    assert find_local_authority("e08000019") is sheffield
    assert find_local_authority("373") is sheffield
    barnsley = find_local_authority("E08000016")
    assert barnsley is not None and barnsley.gss_code == "E08000038" and barnsley.dfe_code == "370"
    assert find_local_authority("E99999999") is None
    assert find_local_authority("") is None
