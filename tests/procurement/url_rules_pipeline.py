"""Access rule of the pipeline page for tests/test_url_access.py."""

from tests.test_url_access import Rule, org

RULES: dict[str, Rule] = {
    "procurement:pipeline": Rule("read", org),
}


def objects(world) -> dict:
    return {}
