from datetime import date

from django.urls import reverse
from django.utils.html import escape

from mvimonitor.reminders.models import ReminderDispatch
from mvimonitor.reminders.services import send_due_reminders
from tests.factories import UserFactory
from tests.reminders.conftest import at


def test_operators_read_what_was_sent_but_cannot_change_it(client, world, round):
    send_due_reminders(now=at(date(2024, 3, 12)))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    dispatch = ReminderDispatch.objects.filter(recipient=world.owner).get()

    response = client.get(reverse("admin:reminders_reminderdispatch_changelist"))
    assert response.status_code == 200
    assert escape(world.owner.display_name) in response.content.decode()
    detail = client.get(reverse("admin:reminders_reminderdispatch_change", args=[dispatch.pk]))
    assert detail.status_code == 200
    assert client.get(reverse("admin:reminders_reminderdispatch_add")).status_code == 403
    client.post(
        reverse("admin:reminders_reminderdispatch_change", args=[dispatch.pk]), {"attempts": 9}
    )
    dispatch.refresh_from_db()
    assert dispatch.attempts == 1
