"""web.busy's parts that need no held lock: which errors are a locked database, and the
500 handler, the last net for a lock error that nothing else caught (issue 12, item 2)."""

import sqlite3

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError

from tests.web.helpers import resend_form


def table_locked_and_missing() -> tuple[sqlite3.OperationalError, sqlite3.OperationalError]:
    """Two real errors of SQLite: a table locked by another connection of a database
    shared in memory ("database table is locked"), and a table that does not exist."""
    uri = "file:busy-test?mode=memory&cache=shared"
    writer = sqlite3.connect(uri, uri=True, isolation_level=None)
    reader = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=0)
    try:
        writer.execute("CREATE TABLE t (x)")
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(sqlite3.OperationalError) as locked:
            reader.execute("SELECT * FROM t")
        with pytest.raises(sqlite3.OperationalError) as missing:
            reader.execute("SELECT * FROM missing")
    finally:
        writer.close()
        reader.close()
    return locked.value, missing.value


def as_django_raises_it(error: sqlite3.OperationalError) -> OperationalError:
    wrapped = OperationalError(*error.args)
    wrapped.__cause__ = error
    return wrapped


def test_a_table_locked_in_shared_memory_counts_as_a_busy_database_too():
    """SQLite says "database table is locked" when the database is shared in memory;
    any other error is not a lock."""
    from mvimonitor.web.busy import is_lock_error

    locked, missing = table_locked_and_missing()
    assert "database table is locked" in str(locked)
    assert is_lock_error(locked)
    assert is_lock_error(as_django_raises_it(locked))
    assert not is_lock_error(missing)
    assert not is_lock_error(as_django_raises_it(missing))


def test_the_500_handler_answers_a_lock_that_nothing_else_caught_with_the_page(rf, english):
    """The last net: a lock error from anywhere (a middleware reading the user while
    even reading is locked) gets the page, without a button that could save twice;
    any other error Django's own 500 page."""
    from mvimonitor.web.busy import server_error

    locked, _missing = table_locked_and_missing()
    request = rf.post("/o/helmond/plans/new/", {"name": "Mijn nieuwe plan"})
    request.user = AnonymousUser()
    try:
        raise as_django_raises_it(locked)
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    html = response.content.decode()
    assert "may not have been saved" in html
    assert "Mijn nieuwe plan" in html
    assert resend_form(html) is None
    try:
        raise ValueError("something else")
    except ValueError:
        assert server_error(request).status_code == 500
