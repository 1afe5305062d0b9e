"""Access rules of the review URLs, for tests/test_url_access.py. "review" pages are
open to every member and to the reviewers of the plan in the URL; resolving and
inviting reviewers are for coordinators."""

from mvimonitor.review.models import Comment
from tests.conftest import World
from tests.test_url_access import Rule, foreign_action, own_action, plan


def comment(o) -> dict:
    return {**plan(o), "comment_id": o.extra["comment_id"]}


def foreign_comment(o) -> dict:
    return {**plan(o), "comment_id": o.extra["other_comment_id"]}


RULES: dict[str, Rule] = {
    # POSTs without a body answer the form with its errors (200), saving nothing.
    "review:plan": Rule("review", plan),
    "review:comment_add": Rule("review", plan, methods=("post",)),
    "review:action_comment_add": Rule("review", own_action, foreign_action, methods=("post",)),
    "review:comment_resolve": Rule("manage", comment, foreign_comment, methods=("post",)),
    "review:comment_reopen": Rule("manage", comment, foreign_comment, methods=("post",)),
    "review:invite": Rule("manage", plan, methods=("get", "post")),
}


def objects(world: World) -> dict:
    def first(plan, author) -> int:
        return Comment.objects.create(plan=plan, author=author, body="Vraag").pk

    return {
        "comment_id": first(world.plan, world.reviewer),
        "other_comment_id": first(world.other_plan, world.outsider),
    }
