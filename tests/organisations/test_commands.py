import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from mvimonitor.audit.models import AuditEntry
from mvimonitor.organisations.models import Invitation, Membership, Organisation
from mvimonitor.organisations.roles import Role

pytestmark = pytest.mark.django_db


def test_invite_mails_an_invitation_and_is_recorded_as_the_command(world, capsys):
    call_command(
        "invite", "helmond", "Nieuw@Helmond.nl", "editor", "--base-url", "https://mvi.example.nl"
    )
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "nieuw@helmond.nl",
        Role.EDITOR,
        None,
    )
    assert f"https://mvi.example.nl/accounts/invitation/{invitation.token}/" in mail.outbox[0].body
    entry = AuditEntry.objects.filter(model="organisations.Invitation", operation="create").get()
    assert entry.actor_label == "command invite"
    assert "nieuw@helmond.nl" in capsys.readouterr().out


def test_invite_refuses_an_unknown_organisation(world):
    with pytest.raises(CommandError):
        call_command("invite", "nergens", "a@b.nl", "viewer")
    assert mail.outbox == []


def test_invite_refuses_a_member_with_the_reason(world):
    with pytest.raises(CommandError):
        call_command("invite", "helmond", world.viewer.email, "viewer")
    assert not Invitation.objects.exists()


def test_create_organisation_with_an_existing_coordinator(world):
    call_command(
        "create-organisation",
        "brabant",
        "Provincie Noord-Brabant",
        "--kind",
        "province",
        "--coordinator",
        world.outsider.email.upper(),
    )
    organisation = Organisation.objects.get(slug="brabant")
    assert organisation.kind == Organisation.Kind.PROVINCE
    assert Membership.objects.get(organisation=organisation).user == world.outsider
    entry = AuditEntry.objects.filter(
        model="organisations.Organisation", object_id=str(organisation.pk)
    ).get()
    assert entry.actor_label == "command create-organisation"


def test_create_organisation_refuses_a_taken_slug(world):
    with pytest.raises(CommandError):
        call_command("create-organisation", "helmond", "Tweede Helmond")
