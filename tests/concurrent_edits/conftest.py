import pytest

from tests.concurrent_edits.records import Records
from tests.conftest import World


@pytest.fixture
def records(world: World) -> Records:
    return Records(world)
