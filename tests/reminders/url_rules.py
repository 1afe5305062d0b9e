"""Access rules for the reminders app's URLs (see tests/test_url_access.py)."""

from tests.test_url_access import Rule

RULES: dict[str, Rule] = {
    "reminders:preferences": Rule("login", methods=("get", "post")),
}


def objects(world) -> dict:
    return {}
