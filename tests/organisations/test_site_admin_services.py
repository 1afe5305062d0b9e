"""What a site administrator does, as services: create an organisation with its details
and logo, change them later under the optimistic lock, and invite its coordinator by
e-mail. Each is all or nothing, and in the audit trail."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from mvimonitor.audit.context import acting_as
from mvimonitor.audit.models import AuditEntry
from mvimonitor.organisations import services
from mvimonitor.organisations.models import Invitation, Organisation
from mvimonitor.organisations.roles import Role
from mvimonitor.organisations.services import StaleOrganisationError
from tests.factories import OrganisationFactory, SiteAdminFactory
from tests.organisations.images import image_bytes

pytestmark = pytest.mark.django_db

BASE_URL = "https://mvi.example.nl"


def _oss(**details) -> Organisation:
    return services.organisation_create(
        **{
            "name": "Gemeente Oss",
            "kind": Organisation.Kind.MUNICIPALITY,
            "inhabitants": 93_000,
            "tooi_code": "GM0828",
            **details,
        }
    )


def test_an_organisation_is_created_with_its_inhabitants_code_and_logo():
    logo = image_bytes()
    organisation = _oss(logo=logo)

    stored = Organisation.objects.get(pk=organisation.pk)
    assert (stored.name, stored.kind, stored.inhabitants, stored.tooi_code) == (
        "Gemeente Oss",
        "municipality",
        93_000,
        "gm0828",
    )
    assert bytes(stored.logo) == logo
    assert stored.logo_content_type == "image/png"
    assert not stored.memberships.exists()


def test_without_a_short_name_one_is_made_from_the_name_that_no_one_has_yet():
    OrganisationFactory(name="Gemeente Oss (oud)", slug="gemeente-oss")

    assert _oss(tooi_code="").slug == "gemeente-oss-2"
    assert _oss(name="Gemeente Oss", tooi_code="").slug == "gemeente-oss-3"


def test_creating_an_organisation_is_in_the_audit_trail_with_who_did_it():
    admin = SiteAdminFactory()
    with acting_as(user=admin, label="beheerder"):
        organisation = _oss(logo=image_bytes())

    entries = AuditEntry.objects.filter(
        model="organisations.Organisation", object_id=str(organisation.pk)
    )
    assert {entry.operation for entry in entries} == {"create", "update"}  # the logo
    assert {entry.actor for entry in entries} == {admin}
    create = entries.get(operation="create")
    assert create.changes["tooi_code"] == [None, "gm0828"]
    assert create.changes["inhabitants"] == [None, 93_000]


def test_a_code_another_organisation_has_is_refused_on_its_field(english):
    _oss()
    with pytest.raises(ValidationError) as refused:
        _oss(name="Tweede Oss", tooi_code="gm0828")
    assert refused.value.message_dict["tooi_code"] == [
        "Another organisation already has this CBS/TOOI code."
    ]
    assert Organisation.objects.count() == 1


def test_a_code_of_another_kind_of_organisation_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError) as refused:
        _oss(kind=Organisation.Kind.PROVINCE)
    assert "tooi_code" in refused.value.message_dict
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("inhabitants", [0, -5, 25_000_001])
def test_a_number_of_inhabitants_no_organisation_has_is_refused(inhabitants):
    with pytest.raises(ValidationError) as refused:
        _oss(inhabitants=inhabitants)
    assert "inhabitants" in refused.value.message_dict
    assert not Organisation.objects.exists()


def test_a_logo_that_is_no_image_refuses_the_whole_organisation():
    with pytest.raises(ValidationError) as refused:
        _oss(logo=b"%PDF-1.7 not an image")
    assert "logo" in refused.value.message_dict
    assert not Organisation.objects.exists()


def test_a_name_with_a_control_character_is_refused():
    with pytest.raises(ValidationError) as refused:
        _oss(name="Gemeente\x07Oss")
    assert "name" in refused.value.message_dict


def _update(organisation: Organisation, **changes) -> Organisation:
    details = {
        "name": organisation.name,
        "kind": organisation.kind,
        "inhabitants": organisation.inhabitants,
        "tooi_code": organisation.tooi_code,
        **changes,
    }
    return services.organisation_update(organisation=organisation, **details)


def test_the_details_are_changed_and_the_version_raised():
    organisation = _oss()
    version = organisation.version

    _update(
        organisation, name="Gemeente Oss en Maasdonk", inhabitants=None, expected_version=version
    )

    stored = Organisation.objects.get(pk=organisation.pk)
    assert (stored.name, stored.inhabitants, stored.slug) == (
        "Gemeente Oss en Maasdonk",
        None,
        "gemeente-oss",
    )
    assert stored.version == version + 1


def test_a_change_from_a_page_opened_before_another_change_is_refused():
    organisation = _oss()
    opened = organisation.version
    _update(organisation, inhabitants=94_000, expected_version=opened)

    with pytest.raises(StaleOrganisationError):
        _update(
            Organisation.objects.get(pk=organisation.pk), inhabitants=1, expected_version=opened
        )
    assert Organisation.objects.get(pk=organisation.pk).inhabitants == 94_000


def test_a_new_logo_replaces_the_old_one_and_a_refused_one_changes_nothing():
    organisation = _oss(logo=image_bytes(size=(40, 20)))
    new_logo = image_bytes(size=(30, 30))

    _update(organisation, logo=new_logo)
    assert bytes(Organisation.objects.get(pk=organisation.pk).logo) == new_logo

    with pytest.raises(ValidationError):
        _update(organisation, name="Andere naam", logo=b"GIF89a")
    stored = Organisation.objects.get(pk=organisation.pk)
    assert (stored.name, bytes(stored.logo)) == ("Gemeente Oss", new_logo)


def test_a_coordinator_is_invited_with_the_link_in_the_email():
    organisation = _oss()
    admin = SiteAdminFactory(full_name="Sanne de Beheerder")

    invitation = services.invitation_create_and_send(
        organisation=organisation,
        email="Coordinator@Oss.nl",
        role=Role.COORDINATOR,
        invited_by=admin,
        base_url=BASE_URL,
        language="nl",
    )

    assert (invitation.email, invitation.role) == ("coordinator@oss.nl", Role.COORDINATOR)
    [message] = mail.outbox
    link = f"{BASE_URL}/accounts/invitation/{invitation.token}/"
    assert message.to == ["coordinator@oss.nl"]
    assert link in message.body
    assert f'href="{link}"' in message.alternatives[0][0]
    assert "Sanne de Beheerder nodigt u uit" in message.body
    assert "coördinator" in message.body


def test_an_invitation_whose_email_cannot_be_sent_is_not_kept(settings):
    organisation = _oss()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens

    with pytest.raises(ValidationError):
        services.invitation_create_and_send(
            organisation=organisation,
            email="coordinator@oss.nl",
            role=Role.COORDINATOR,
            invited_by=None,
            base_url=BASE_URL,
            language="nl",
        )
    assert not Invitation.objects.exists()
