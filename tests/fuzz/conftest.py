"""What every fuzz test shares: small import limits, so that generated sheets reach
them, set once per test (the examples of a test share its fixtures); the register to
import tenders and contracts into; and how many examples a test runs."""

import os

import pytest
from hypothesis import settings

from tests.procurement.test_exchange import register  # noqa: F401 (a fixture)

#: Rows below the header and bytes of a file an import accepts, during fuzzing.
MAX_ROWS = 12
MAX_BYTES = 300_000

#: The settings of every fuzz test: the "fuzz" profile when HYPOTHESIS_PROFILE=fuzz
#: selects it (`make fuzz`), else "fuzz-quick" (`make test`); both in tests/conftest.py.
FUZZ = settings.get_profile(
    "fuzz" if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else "fuzz-quick"
)


@pytest.fixture(autouse=True)
def _small_import_limits(settings):
    settings.IMPORT_MAX_ROWS = MAX_ROWS
    settings.IMPORT_MAX_BYTES = MAX_BYTES
