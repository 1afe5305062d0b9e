import pytest

from tests.concurrent_edits.records import Records, make_records
from tests.conftest import World


@pytest.fixture
def records(world: World) -> Records:
    return make_records(world)
