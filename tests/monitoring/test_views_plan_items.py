"""Attention points and communication moments of a plan: every member reads them,
coordinators and editors add, change and close them."""

from datetime import date

import pytest
from django.utils.formats import date_format

from mvimonitor.monitoring.models import AttentionPoint, CommunicationMoment
from tests.monitoring.conftest import TODAY
from tests.monitoring.factories import AttentionPointFactory, CommunicationMomentFactory
from tests.monitoring.helpers import url


@pytest.fixture(autouse=True)
def _english_pages(settings, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_every_member_reads_the_attention_points_but_only_editors_get_the_form(world, login):
    AttentionPointFactory(plan=world.plan, text="Interne capaciteit borgen")
    AttentionPointFactory(plan=world.other_plan, text="Van een ander")

    viewer = login(world.viewer).get(url("attention_points"))
    assert "Interne capaciteit borgen" in viewer.content.decode()
    assert "Van een ander" not in viewer.content.decode()
    assert viewer.context["form"] is None

    assert login(world.editor).get(url("attention_points")).context["form"] is not None


@pytest.mark.parametrize("role", ["owner", "viewer"])
def test_an_owner_or_viewer_cannot_add_an_attention_point(world, login, role):
    response = login(world.user(role)).post(
        url("attention_points"), {"kind": "risk", "text": "Nee", "raised_on": "2017-09-01"}
    )
    assert response.status_code == 403
    assert not AttentionPoint.objects.exists()


def test_an_editor_adds_an_attention_point(world, login):
    response = login(world.editor).post(
        url("attention_points"),
        {
            "kind": "event",
            "text": "Regionale netwerkbijeenkomst MVI",
            "date": "2017-09-25",
            "raised_on": "2017-09-01",
            "closed_on": "",
        },
    )

    assert response.status_code == 302
    point = AttentionPoint.objects.get(plan=world.plan)
    assert (point.kind, point.date, point.raised_on, point.closed_on) == (
        "event",
        date(2017, 9, 25),
        date(2017, 9, 1),
        None,
    )


def test_an_attention_point_without_text_is_refused_and_nothing_is_saved(world, login):
    response = login(world.editor).post(
        url("attention_points"), {"kind": "risk", "text": "  ", "raised_on": "2017-09-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert not AttentionPoint.objects.exists()


def test_an_attention_point_cannot_close_before_it_was_raised(world, login):
    point = AttentionPointFactory(plan=world.plan, raised_on=date(2017, 9, 1))
    response = login(world.editor).post(
        url("attention_point_edit", pk=point.pk),
        {
            "kind": "risk",
            "text": "Tekst",
            "raised_on": "2017-09-01",
            "closed_on": "2017-08-01",
            "version": point.version,
        },
    )
    assert "cannot be closed before it was raised" in str(response.context["form"].errors)
    point.refresh_from_db()
    assert point.closed_on is None


def test_an_editor_changes_an_attention_point(world, login):
    point = AttentionPointFactory(plan=world.plan, text="Oud")
    response = login(world.editor).post(
        url("attention_point_edit", pk=point.pk),
        {
            "kind": "question",
            "text": "Nieuw",
            "raised_on": "2017-04-01",
            "closed_on": "",
            "version": point.version,
        },
    )
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.kind, point.text) == ("question", "Nieuw")


def test_an_attention_point_is_closed_on_the_chosen_day(world, login):
    point = AttentionPointFactory(plan=world.plan)
    response = login(world.coordinator).post(
        url("attention_point_close", pk=point.pk),
        {f"close-{point.pk}-closed_on": "2017-10-01", f"close-{point.pk}-version": point.version},
    )
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.closed_on == date(2017, 10, 1)


def test_closing_twice_says_so(world, login):
    point = AttentionPointFactory(plan=world.plan, closed_on=date(2017, 10, 1))
    response = login(world.coordinator).post(
        url("attention_point_close", pk=point.pk),
        {
            f"close-{point.pk}-closed_on": TODAY.isoformat(),
            f"close-{point.pk}-version": point.version,
        },
        follow=True,
    )
    text = [str(m) for m in response.context["messages"]]
    assert f"already closed on {date_format(date(2017, 10, 1))}" in " ".join(text)


def test_closing_without_a_date_says_so(world, login):
    point = AttentionPointFactory(plan=world.plan)
    response = login(world.coordinator).post(
        url("attention_point_close", pk=point.pk),
        {f"close-{point.pk}-closed_on": "x", f"close-{point.pk}-version": point.version},
        follow=True,
    )
    assert "Give the date" in " ".join(str(m) for m in response.context["messages"])
    point.refresh_from_db()
    assert point.closed_on is None


def test_closing_from_a_page_without_the_version_says_the_page_is_out_of_date(world, login):
    point = AttentionPointFactory(plan=world.plan)
    response = login(world.coordinator).post(
        url("attention_point_close", pk=point.pk),
        {f"close-{point.pk}-closed_on": "2017-10-01"},
        follow=True,
    )
    assert "out of date" in " ".join(str(m) for m in response.context["messages"])
    point.refresh_from_db()
    assert point.closed_on is None


def test_another_plans_attention_point_is_not_found(world, login):
    point = AttentionPointFactory(plan=world.other_plan)
    assert login(world.editor).get(url("attention_point_edit", pk=point.pk)).status_code == 404


def test_an_editor_adds_and_changes_a_communication_moment(world, login):
    client = login(world.editor)
    response = client.post(
        url("communication"),
        {
            "date": "2017-10-04",
            "text": "Persmoment ondertekening Stop en Go",
            "channel": "pers",
            "state": "planned",
        },
    )
    assert response.status_code == 302
    moment = CommunicationMoment.objects.get(plan=world.plan)

    client.post(
        url("communication_edit", pk=moment.pk),
        {
            "date": "2017-10-04",
            "text": "Persmoment",
            "channel": "",
            "state": "realised",
            "version": moment.version,
        },
    )

    moment.refresh_from_db()
    assert (moment.text, moment.channel, moment.state) == ("Persmoment", "", "realised")


def test_a_future_moment_cannot_be_realised_yet(world, login):
    response = login(world.editor).post(
        url("communication"),
        {"date": "2018-03-01", "text": "Later", "channel": "", "state": "realised"},
    )
    assert "cannot be realised yet" in str(response.context["form"].errors)
    assert not CommunicationMoment.objects.exists()


def test_every_member_reads_the_communication_moments(world, login):
    CommunicationMomentFactory(plan=world.plan, text="Artikel Helmond inside")
    response = login(world.viewer).get(url("communication"))
    assert "Artikel Helmond inside" in response.content.decode()
    assert response.context["form"] is None
    assert login(world.viewer).post(url("communication"), {}).status_code == 403


def test_open_attention_points_come_first(world, login):
    AttentionPointFactory(plan=world.plan, text="Gesloten", closed_on=date(2017, 6, 1))
    AttentionPointFactory(plan=world.plan, text="Open", raised_on=date(2017, 4, 2))
    rows = login(world.viewer).get(url("attention_points")).context["rows"]
    assert [point.text for point, _close in rows] == ["Open", "Gesloten"]
