"""The credentials' tests reach statuses through the real lifecycle (tests/accreditation's fixtures)."""

from tests.accreditation.conftest import make_accreditation, world  # noqa: F401  (fixtures)
