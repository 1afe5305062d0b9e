"""Access rules of the calendar feed's URLs, for tests/test_url_access.py. The feed is
public with a valid token (calendar clients cannot log in); a wrong or renewed token
answers 404, tested in tests/calendar_feed/test_views.py."""

from mvimonitor.calendar_feed.services import feed_token_get_or_create
from tests.conftest import World
from tests.test_url_access import Rule

RULES: dict[str, Rule] = {
    "calendar_feed:settings": Rule("login", methods=("get", "post")),
    "calendar_feed:feed": Rule("public", lambda o: {"token": o.extra["feed_token"]}),
}


def objects(world: World) -> dict:
    return {"feed_token": feed_token_get_or_create(user=world.viewer).token}
