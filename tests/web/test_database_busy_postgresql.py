"""PostgreSQL locks rows, not the database, and by default a write waits for a row lock
as long as it takes. Where a lock timeout is set (lock_timeout), the write that runs out
of time gets the same busy page as on SQLite (issue 12, item 2)."""

import pytest
from django.db import connection

from mvimonitor.plans.models import Action
from tests.web.helpers import edit_url, resend_form, row_locked, typed_edit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("frozen_today"),
    pytest.mark.postgresql,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="PostgreSQL only: a row lock and lock_timeout; tests/web/test_database_busy.py "
        "holds SQLite's write lock. .ci/run runs this test on PostgreSQL",
    ),
]


def test_on_postgresql_a_lock_timeout_gets_the_busy_page_too(world, client):
    client.force_login(world.editor)
    action = world.unowned_action
    typed = typed_edit(action)
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '1s'")
    try:
        with row_locked("plans_action", action.pk):
            response = client.post(edit_url(action), typed)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert response.status_code == 503
    form = resend_form(response.content.decode())
    assert form is not None and form.hidden["title"] == [typed["title"]]
    assert Action.objects.get(pk=action.pk).title == action.title
