"""The organisations' administration as a site administrator uses it: the list, creating
an organisation with its logo, inviting its coordinator (the link in the e-mail, never on
the page), changing the details later; and the way in, from the home and login pages."""

import html

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mvimonitor.audit.models import AuditEntry
from mvimonitor.organisations.models import Invitation, Organisation
from mvimonitor.organisations.roles import Role
from tests.factories import MembershipFactory, OrganisationFactory, SiteAdminFactory
from tests.organisations.images import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(login):
    """The test client, logged in as a site administrator who is a member of nothing."""
    return login(SiteAdminFactory(full_name="Sanne de Beheerder"))


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _logo(size=(40, 20)) -> SimpleUploadedFile:
    return SimpleUploadedFile("logo.png", image_bytes(size=size), content_type="image/png")


def _create(admin, **changes):
    data = {
        "name": "Gemeente Oss",
        "kind": "municipality",
        "inhabitants": "93000",
        "tooi_code": "GM0828",
        "slug": "",
        **changes,
    }
    return admin.post(reverse("organisations:site_create"), data)


def test_the_list_shows_every_organisation_with_its_details(
    admin, world, django_assert_max_num_queries
):
    OrganisationFactory(name="Gemeente Oss", slug="oss", inhabitants=93_000, tooi_code="gm0828")
    with django_assert_max_num_queries(6):
        response = admin.get(reverse("organisations:site_list"))

    page = _page(response)
    assert [o.name for o in response.context["organisations"]] == [
        "Gemeente Anders",
        "Gemeente Helmond",
        "Gemeente Oss",
    ]
    helmond = response.context["organisations"][1]
    assert (helmond.coordinator_count, helmond.member_count) == (1, 4)  # the reviewer not
    assert "93.000" in page and "gm0828" in page
    assert "Nieuwe organisatie" in page


def test_a_site_administrator_creates_an_organisation_with_its_logo(admin):
    response = _create(admin, logo=_logo())

    organisation = Organisation.objects.get(name="Gemeente Oss")
    assert response.url == reverse("organisations:site_detail", kwargs={"slug": "gemeente-oss"})
    assert (organisation.inhabitants, organisation.tooi_code, organisation.has_logo) == (
        93_000,
        "gm0828",
        True,
    )
    detail = admin.get(response.url)
    assert "Gemeente Oss is aangemaakt. Nodig nu de eerste coördinator uit." in _page(detail)
    assert 'src="data:image/png;base64,' in _page(detail)
    entry = AuditEntry.objects.get(model="organisations.Organisation", operation="create")
    assert entry.actor.email.startswith("beheerder")


def test_a_wrong_code_is_refused_on_its_field_in_dutch_and_nothing_is_saved(admin):
    response = _create(admin, tooi_code="pv30", logo=_logo())

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["tooi_code"]
    assert "“pv30” is geen code van deze soort organisatie" in _page(response)
    assert "Gemeente Oss" in _page(response)  # what was typed comes back
    assert not Organisation.objects.filter(name="Gemeente Oss").exists()


def test_a_short_name_that_is_taken_is_refused_on_its_field(admin, world):
    response = _create(admin, slug="helmond")

    assert list(response.context["form"].errors) == ["slug"]
    assert not Organisation.objects.filter(name="Gemeente Oss").exists()


def test_a_file_that_is_no_image_is_refused_as_the_logo(admin):
    response = _create(admin, logo=SimpleUploadedFile("logo.png", b"no image"))

    assert list(response.context["form"].errors) == ["logo"]
    assert not Organisation.objects.filter(name="Gemeente Oss").exists()


def test_the_coordinator_is_invited_by_email_and_the_link_is_not_on_the_page(admin):
    _create(admin)
    invite = reverse("organisations:site_invite", kwargs={"slug": "gemeente-oss"})

    response = admin.post(invite, {"email": "Coordinator@Oss.nl"}, follow=True)

    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role) == ("coordinator@oss.nl", Role.COORDINATOR)
    assert invitation.invited_by.full_name == "Sanne de Beheerder"
    page = _page(response)
    assert "De uitnodiging om coördinator te worden is verstuurd naar coordinator@oss.nl." in page
    assert invitation.token not in page
    assert "coordinator@oss.nl, geldig tot" in page
    [message] = mail.outbox
    assert f"http://testserver/accounts/invitation/{invitation.token}/" in message.body
    assert "Sanne de Beheerder nodigt u uit om lid te worden van Gemeente Oss" in message.body


def test_inviting_an_address_twice_is_refused_on_the_page(admin):
    _create(admin)
    invite = reverse("organisations:site_invite", kwargs={"slug": "gemeente-oss"})
    admin.post(invite, {"email": "coordinator@oss.nl"})

    response = admin.post(invite, {"email": "coordinator@oss.nl"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    assert Invitation.objects.count() == 1


def test_the_details_are_changed_with_the_version_the_page_showed(admin):
    _create(admin)
    organisation = Organisation.objects.get(slug="gemeente-oss")
    edit = reverse("organisations:site_edit", kwargs={"slug": "gemeente-oss"})
    form = admin.get(edit).context["form"]
    assert form.initial["tooi_code"] == "gm0828"

    response = admin.post(
        edit,
        {
            "name": "Gemeente Oss",
            "kind": "municipality",
            "inhabitants": "94000",
            "tooi_code": "https://identifier.overheid.nl/tooi/id/gemeente/gm0828",
            "version": str(organisation.version),
        },
    )

    assert response.status_code == 302
    stored = Organisation.objects.get(pk=organisation.pk)
    assert (stored.inhabitants, stored.tooi_code) == (94_000, "gm0828")
    assert AuditEntry.objects.filter(
        model="organisations.Organisation", operation="update", object_id=str(stored.pk)
    ).exists()


def test_an_organisation_that_does_not_exist_is_not_found(admin):
    response = admin.get(reverse("organisations:site_detail", kwargs={"slug": "nergens"}))
    assert response.status_code == 404


def test_a_coordinator_is_refused_the_site_administration(login, world):
    response = login(world.coordinator).get(reverse("organisations:site_list"))
    assert response.status_code == 403


def test_home_shows_a_site_administrator_without_organisation_the_way_to_the_organisations(
    admin,
):
    response = admin.get(reverse("organisations:home"))

    assert response.status_code == 200
    page = _page(response)
    assert "U bent sitebeheerder" in page
    assert f'href="{reverse("organisations:site_list")}"' in page


def test_a_site_administrator_who_is_a_member_goes_to_their_organisation_as_any_member(
    login, world
):
    admin = SiteAdminFactory()
    MembershipFactory(user=admin, organisation=world.helmond, role=Role.VIEWER)

    response = login(admin).get(reverse("organisations:home"))

    assert response.url == reverse("organisations:detail", kwargs={"org_slug": "helmond"})
    page = _page(login(admin).get(response.url))
    assert "Organisaties beheren" in page  # the way to their own pages, in the menu


def test_others_see_no_link_to_the_organisations_administration(login, world):
    page = _page(login(world.coordinator).get(reverse("organisations:detail", args=["helmond"])))
    assert reverse("organisations:site_list") not in page


def test_the_login_page_says_how_to_get_access(client, english):
    page = _page(client.get(reverse("accounts:login")))
    assert "No account yet?" in page
    assert "an invitation by e-mail from the coordinator of your organisation" in page
    assert "ask the administrator of this installation to add your organisation" in page


def test_the_login_page_says_it_in_dutch(client):
    page = _page(client.get(reverse("accounts:login")))
    assert "Nog geen account?" in page
    assert "U krijgt toegang met een uitnodiging per e-mail van de coördinator" in page
    assert "Werkt uw organisatie nog niet met MVI Monitor?" in page
