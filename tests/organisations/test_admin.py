"""organisations' part of the Django admin (/beheer/)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_users_admin_page_lists_their_memberships(client, world):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:accounts_user_change", args=[world.viewer.pk]))
    assert response.status_code == 200
    assert 'name="memberships-TOTAL_FORMS" value="1"' in response.content.decode()
    assert world.helmond.name in response.content.decode()
