"""The demo data itself, checked without a database: what the loader would refuse
anyway (a workflow path that is not allowed) and what it would not notice."""

import re
from collections import Counter

import pytest
from django.contrib.auth.password_validation import validate_password

from mvimonitor.accounts.models import User
from mvimonitor.demo.data import DemoAction, DemoOrganisation
from mvimonitor.demo.services import ORGANISATIONS, parse_history
from mvimonitor.plans.reference import NATIONAL_THEMES
from mvimonitor.plans.workflow import Status, check_transition

ACTIONS: list[tuple[DemoOrganisation, DemoAction]] = [
    (org, action) for org in ORGANISATIONS for period in org.periods for action in period.actions
]


def test_every_history_is_a_path_the_workflow_allows_in_date_order():
    for org, action in ACTIONS:
        steps = parse_history(action.history)
        previous: Status | None = None
        assert steps[0].effective_on >= (action.added_on or org.adopted_on), action.title
        for step in steps:
            check_transition(previous, step.status, note=step.note, is_coordinator=True)
            previous = step.status
        assert [s.effective_on for s in steps] == sorted(s.effective_on for s in steps), (
            action.title
        )


def test_titles_are_distinct_and_never_placeholders():
    titles = Counter(action.title for _, action in ACTIONS)

    assert [t for t, n in titles.items() if n > 1] == []
    assert [t for t in titles if re.search(r"Actie \d+", t)] == []


def test_completed_actions_have_a_result_and_dates_are_consistent():
    for _, action in ACTIONS:
        if Status.COMPLETED in {s.status for s in parse_history(action.history)}:
            assert action.result, action.title
        if action.is_continuous:
            assert action.due_date is None, action.title
        if action.start_date and action.due_date:
            assert action.start_date <= action.due_date, action.title


def test_themes_are_national_codes_and_within_the_plans_themes():
    national = {code for code, *_ in NATIONAL_THEMES}
    for org, action in ACTIONS:
        assert set(org.themes) <= national
        assert set(action.themes) <= set(org.themes), action.title


@pytest.mark.parametrize(
    "spec", [u for org in ORGANISATIONS for u in org.users], ids=lambda u: u.email
)
def test_demo_passwords_meet_the_password_validators(spec):
    validate_password(spec.password, User(email=spec.email, full_name=spec.full_name))
