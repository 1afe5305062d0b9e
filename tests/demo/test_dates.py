"""The demo lives in 2017 (issue 15): what it records of a past day is dated on that day.
Its monitors of 12 July and 20 September 2017 were finalised on their own dates, every
status and phase change was recorded on the day it took effect, the members joined in
2017, and the audit trail says so too; only the installation and its organisations are
set up today. Pages still use the real today for "today"."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mvimonitor.accounts.models import User
from mvimonitor.audit.models import AuditEntry
from mvimonitor.monitoring.models import Monitor
from mvimonitor.monitoring.recomputation import changes_since_edition
from mvimonitor.monitoring.selectors import current_edition
from mvimonitor.organisations.models import Membership, Organisation
from mvimonitor.plans.models import StatusChange
from mvimonitor.procurement.models import TenderPhaseChange

pytestmark = pytest.mark.usefixtures("demo")

FINALISED = (date(2017, 7, 12), date(2017, 9, 20))
PLAN = {"org_slug": "helmond", "plan_slug": "helmond-mvi"}


def helmond() -> Organisation:
    return Organisation.objects.get(slug="helmond")


def dutch_page(email: str, address: str) -> str:
    client = Client()
    client.force_login(User.objects.get(email=email))
    response = client.get(address, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("day", FINALISED)
def test_each_2017_monitor_was_finalised_on_its_own_date(day):
    monitor = Monitor.objects.get(plan__organisation=helmond(), date=day)
    edition = current_edition(monitor=monitor)

    assert monitor.state == Monitor.State.FINAL
    assert timezone.localdate(edition.frozen_at) == day
    entry = AuditEntry.objects.get(
        model="monitoring.MonitorEdition", object_id=str(edition.pk), operation="create"
    )
    assert timezone.localdate(entry.at) == day


def test_the_monitor_page_says_it_was_finalised_on_12_july_2017():
    page = dutch_page(
        "viewer@helmond.demo", reverse("monitoring:detail", kwargs={**PLAN, "day": FINALISED[0]})
    )
    assert "Versie 1, vastgesteld op 12 juli 2017 16:00 door Ingrid Coolen." in page
    assert "<td>12 juli 2017 16:00, Ingrid Coolen</td>" in page


@pytest.mark.parametrize("day", FINALISED)
def test_nothing_was_recorded_after_a_finalised_monitor_that_bears_on_its_figures(day):
    monitor = Monitor.objects.get(plan__organisation=helmond(), date=day)
    explanation = changes_since_edition(monitor=monitor, edition=current_edition(monitor=monitor))
    assert explanation.status_changes == [] and explanation.corrections == []


def test_every_status_and_phase_change_was_recorded_on_the_day_it_took_effect():
    changes = list(StatusChange.objects.filter(action__plan__organisation=helmond()))
    phases = list(TenderPhaseChange.objects.filter(tender__organisation=helmond()))
    assert len(changes) > 124 and phases
    assert {timezone.localdate(c.recorded_at) == c.effective_on for c in changes} == {True}
    assert {timezone.localdate(p.recorded_at) == p.effective_on for p in phases} == {True}


def test_the_action_page_shows_when_each_change_was_recorded_in_2017():
    change = StatusChange.objects.filter(
        action__plan__organisation=helmond(), effective_on=date(2017, 8, 28)
    ).first()
    address = reverse("plans:action_detail", kwargs={**PLAN, "pk": change.action_id})
    page = dutch_page("viewer@helmond.demo", address)
    assert "28 augustus 2017 09:00" in page


def test_the_members_joined_in_2017():
    since = {
        m.user.email: timezone.localdate(m.created_at)
        for m in Membership.objects.filter(organisation=helmond()).select_related("user")
    }
    assert since["coordinator@helmond.demo"] == date(2017, 4, 1)  # the plan's adoption
    assert since["reviewer@helmond.demo"] == date(2017, 10, 2)
    members = reverse("organisations:members", args=["helmond"])
    page = dutch_page("coordinator@helmond.demo", members)
    assert "<td>1 april 2017</td>" in page and "<td>2 oktober 2017</td>" in page


def test_the_audit_trail_dates_the_demos_history_in_its_own_years():
    entries = AuditEntry.objects.filter(organisation_id=helmond().pk).exclude(
        model="organisations.Organisation"
    )
    years = set(entries.values_list("at__year", flat=True))
    assert years and max(years) <= 2020, years  # the plan's history runs until 2020
    assert min(years) == 2017
