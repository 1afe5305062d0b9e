"""What every fuzz test shares: small import limits, so that generated sheets reach
them, set once per test (the examples of a test share its fixtures); and the register
to import tenders and contracts into."""

import pytest

from tests.procurement.test_exchange import register  # noqa: F401 (a fixture)

#: Rows below the header and bytes of a file an import accepts, during fuzzing.
MAX_ROWS = 12
MAX_BYTES = 300_000


@pytest.fixture(autouse=True)
def _small_import_limits(settings):
    settings.IMPORT_MAX_ROWS = MAX_ROWS
    settings.IMPORT_MAX_BYTES = MAX_BYTES
