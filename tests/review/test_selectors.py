"""Threads per action and per plan, and the open counts: in order, filtered, and in a
fixed number of queries whatever the number of threads and replies."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from mvimonitor.review import selectors, services
from mvimonitor.review.selectors import ThreadState


def _thread(world, *, action=None, author=None, replies=0):
    thread = services.comment_add(
        plan=world.plan, action=action, author=author or world.editor, body="Vraag"
    )
    for _ in range(replies):
        services.comment_add(plan=world.plan, author=world.coordinator, body="Antw", parent=thread)
    return thread


def _queries(read) -> int:
    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured)


def test_the_threads_of_an_action_come_with_their_replies_oldest_first(world):
    first = _thread(world, action=world.owned_action, replies=2)
    second = _thread(world, action=world.owned_action)
    _thread(world, action=world.unowned_action)
    _thread(world)

    threads = list(selectors.action_threads(action=world.owned_action))

    assert threads == [first, second]
    assert [r.body for r in threads[0].replies.all()] == ["Antw", "Antw"]


def test_the_plans_threads_list_the_plan_as_a_whole_first_then_the_actions_in_order(world):
    on_a2 = _thread(world, action=world.unowned_action)
    on_a1 = _thread(world, action=world.owned_action)
    on_plan = _thread(world)

    assert list(selectors.plan_threads(plan=world.plan)) == [on_plan, on_a1, on_a2]


def test_the_plans_threads_are_filtered_on_open_or_resolved(world):
    open_thread = _thread(world)
    resolved = _thread(world, action=world.owned_action)
    services.comment_resolve(comment=resolved, by=world.coordinator)

    assert list(selectors.plan_threads(plan=world.plan)) == [open_thread]
    assert list(selectors.plan_threads(plan=world.plan, state=ThreadState.RESOLVED)) == [resolved]
    assert len(selectors.plan_threads(plan=world.plan, state=ThreadState.ALL)) == 2


def test_comments_by_reviewers_are_marked(world):
    thread = services.comment_add(plan=world.plan, author=world.reviewer, body="Extern")
    services.comment_add(plan=world.plan, author=world.viewer, body="Intern", parent=thread)

    (read,) = selectors.plan_threads(plan=world.plan)

    assert read.by_reviewer is True
    assert [r.by_reviewer for r in read.replies.all()] == [False]


def test_open_counts_are_per_action_and_on_the_plan_with_replies_and_resolved_left_out(world):
    _thread(world, action=world.owned_action, replies=3)
    _thread(world, action=world.owned_action)
    services.comment_resolve(
        comment=_thread(world, action=world.unowned_action), by=world.coordinator
    )
    _thread(world)

    counts = selectors.open_thread_counts(plan=world.plan)

    assert counts.per_action == {world.owned_action.pk: 2}
    assert (counts.plan_level, counts.total) == (1, 3)
    assert counts.for_action(world.unowned_action.pk) == 0
    assert selectors.open_thread_count_for_action(action=world.owned_action) == 2


def test_reading_threads_takes_the_same_queries_for_one_thread_or_many(world):
    _thread(world, action=world.owned_action, replies=1)

    def read_all() -> list:
        seen = []
        for thread in selectors.plan_threads(plan=world.plan, state=ThreadState.ALL):
            seen += [(r.author.display_name, r.by_reviewer) for r in thread.replies.all()]
            seen.append((thread.author.display_name, thread.action and thread.action.code))
        for thread in selectors.action_threads(action=world.owned_action):
            seen += [r.author.display_name for r in thread.replies.all()]
        seen.append(selectors.open_thread_counts(plan=world.plan))
        return seen

    few = _queries(read_all)
    for _ in range(5):
        _thread(world, action=world.owned_action, replies=3, author=world.reviewer)
        _thread(world, action=world.unowned_action, replies=2)
        _thread(world, replies=1)

    assert _queries(read_all) == few == 5


def test_the_comment_bodies_of_a_plan_are_its_comments_and_replies_texts_only(world, second_plan):
    thread = services.comment_add(
        plan=world.plan, action=world.owned_action, author=world.editor, body="Vraag"
    )
    services.comment_add(plan=world.plan, author=world.coordinator, body="Antwoord", parent=thread)
    services.comment_add(plan=world.plan, author=world.viewer, body="Over het plan")
    services.comment_add(plan=second_plan, author=world.editor, body="Ander plan")

    assert selectors.plan_comment_bodies(plan=world.plan) == {"Vraag", "Antwoord", "Over het plan"}
