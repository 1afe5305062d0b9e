"""Lost updates (issue 12, items 5 and 10): two people open the same record's form, the
first saves, then the second saves from the page they loaded before. The second must
get the conflict message and the first one's values must stay.

Every form of the project is found (discovery.py) and every URL whose view accepts
POST; each must have an `Edit` (edits.py) or a reason why it needs none (exempt.py),
so a new form, or a view taking POST, cannot be forgotten. Each `Edit` goes through the
real views as a browser would: GET the page once, read its form (the hidden version
included), POST a first change, POST a second change from the same loaded form."""

import gc
import re
from typing import Any

import pytest
from django import forms
from django.urls import get_resolver, path

from tests.concurrent_edits.browser import PageForm, form_on_page
from tests.concurrent_edits.discovery import form_name, post_urls, project_forms
from tests.concurrent_edits.edits import EDITS, Edit
from tests.concurrent_edits.exempt import EXEMPT_FORMS, EXEMPT_URLS
from tests.concurrent_edits.records import Records

#: The conflict message, in Dutch as the pages show it: who, and what to do.
CONFLICT = re.compile(
    r"Iemand anders heeft [^<]{1,80} gewijzigd nadat u [^<]*aad de pagina opnieuw"
)


def _unlisted(found: set[str], covered: set[str], exempt: set[str]) -> set[str]:
    return found - covered - exempt


def test_every_form_of_the_project_has_an_edit_or_a_reason_to_need_none():
    found = project_forms()
    covered = {name for edit in EDITS.values() for name in edit.forms}

    assert _unlisted(found, covered, set(EXEMPT_FORMS)) == set(), "add an Edit (edits.py)"
    assert (covered | set(EXEMPT_FORMS)) - found == set(), "a form listed no longer exists"
    assert covered & set(EXEMPT_FORMS) == set()


def test_every_url_accepting_post_has_an_edit_or_a_reason_to_need_none():
    found = post_urls(get_resolver().url_patterns)
    covered = {edit.url for edit in EDITS.values()}

    assert _unlisted(found, covered, set(EXEMPT_URLS)) == set(), "add an Edit (edits.py)"
    assert set(EXEMPT_URLS) - found == set(), "an exempt URL no longer takes POST"
    assert covered - found == set(), "an Edit posts to a URL that refuses POST"


def test_a_new_form_is_found_and_fails_until_it_is_listed():
    forgotten = type("ForgottenForm", (forms.Form,), {"__module__": "mvimonitor.plans.extra"})
    try:
        covered = {name for edit in EDITS.values() for name in edit.forms}
        unlisted = _unlisted(project_forms(), covered, set(EXEMPT_FORMS))
        assert unlisted == {form_name(forgotten)}
    finally:
        del forgotten
        gc.collect()  # __subclasses__ holds it weakly: gone for the tests after this one


def test_a_new_view_accepting_post_is_found_and_one_refusing_it_is_not():
    from django.views.decorators.http import require_GET, require_POST

    def edit(request: Any) -> None: ...

    patterns = [
        path("a/", edit, name="plain"),
        path("b/", require_POST(edit), name="post_only"),
        path("c/", require_GET(edit), name="get_only"),
    ]

    assert post_urls(patterns) == {"plain", "post_only"}


def _submission(form: PageForm, changes: dict[str, Any]) -> dict[str, Any]:
    """What the browser sends: the form as loaded, with `changes` made (None unticks)."""
    assert set(changes) <= form.names, f"no such field: {set(changes) - form.names}"
    data: dict[str, Any] = dict(form.fields)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def _loaded_form(client, edit: Edit, r: Records) -> PageForm:
    page = edit.page_url(r)
    response = client.get(page)
    assert response.status_code == 200, page
    where = edit.where(r) if edit.where else None
    return form_on_page(
        response.content.decode(), page, edit.action_url(r), having=edit.having, where=where
    )


@pytest.mark.parametrize("name", list(EDITS))
def test_the_second_of_two_edits_from_one_loaded_page_gets_the_conflict_and_the_first_stays(
    client, records, frozen_today, name
):
    edit, r = EDITS[name], records
    before = edit.saved(r)  # which also makes the records the edit needs
    assert before != edit.expect, "the first edit would change nothing"
    client.force_login(edit.user(r) if edit.user else r.world.user(edit.role))
    headers = {"HX-Request": "true"} if edit.htmx else {}
    form = _loaded_form(client, edit, r)
    assert any("version" in hidden for hidden in form.hidden), "the form carries no version"
    url = edit.action_url(r)

    first = client.post(url, _submission(form, edit.first(r)), headers=headers)
    assert first.status_code in (200, 302)
    assert edit.saved(r) == edit.expect, "the first edit was not saved"

    second = client.post(url, _submission(form, edit.second(r)), headers=headers, follow=True)
    assert second.status_code == 200
    assert CONFLICT.search(second.content.decode()), "no conflict message"
    assert edit.saved(r) == edit.expect, "the second edit overwrote the first"
