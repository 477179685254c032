"""The accreditation tests' world (a body, its registrar, a mediator who signs in) for the inbox tests."""

from tests.accreditation.conftest import make_accreditation, world

__all__ = ["make_accreditation", "world"]
