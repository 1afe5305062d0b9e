import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import translation

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


# The commands answer in the installation's language (Dutch), whatever the test before ran in.


def test_create_organisation_answers_in_dutch(world, capsys):
    call_command("create-organisation", "oss", "Gemeente Oss")

    assert capsys.readouterr().out == "Gemeente Oss is aangemaakt (korte naam oss).\n"


def test_create_organisation_stores_the_inhabitants_and_the_code(world):
    call_command(
        "create-organisation", "oss", "Gemeente Oss", "--inhabitants", "93000", "--code", "GM0828"
    )

    organisation = Organisation.objects.get(slug="oss")
    assert (organisation.inhabitants, organisation.tooi_code) == (93_000, "gm0828")


def test_create_organisation_refuses_a_code_of_another_kind_in_dutch(world):
    with pytest.raises(CommandError, match="“pv30” is geen code van deze soort organisatie"):
        call_command("create-organisation", "oss", "Gemeente Oss", "--code", "PV30")
    assert not Organisation.objects.filter(slug="oss").exists()


def test_create_organisation_invites_a_new_coordinator_by_email(world, capsys):
    call_command(
        "create-organisation",
        "oss",
        "Gemeente Oss",
        "--coordinator-email",
        "Coordinator@Oss.nl",
        "--base-url",
        "https://mvi.example.nl",
    )

    organisation = Organisation.objects.get(slug="oss")
    invitation = Invitation.objects.get(organisation=organisation)
    assert (invitation.email, invitation.role) == ("coordinator@oss.nl", Role.COORDINATOR)
    assert not organisation.memberships.exists()  # a member once the invitation is accepted
    [message] = mail.outbox
    assert f"https://mvi.example.nl/accounts/invitation/{invitation.token}/" in message.body
    assert "als coördinator" in message.body
    out = capsys.readouterr().out
    assert "De uitnodiging om coördinator te worden is verstuurd naar coordinator@oss.nl." in out
    assert invitation.token not in out  # the link is in the e-mail only


def test_create_organisation_with_an_unknown_coordinator_says_how_to_invite_them(world):
    with pytest.raises(CommandError, match="Nodig deze persoon uit met --coordinator-email"):
        call_command(
            "create-organisation", "oss", "Gemeente Oss", "--coordinator", "niemand@oss.nl"
        )
    assert not Organisation.objects.filter(slug="oss").exists()


def test_create_organisation_keeps_nothing_when_the_invitation_cannot_be_sent(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens

    with pytest.raises(CommandError, match="De e-mail kon niet worden verstuurd"):
        call_command(
            "create-organisation", "oss", "Gemeente Oss", "--coordinator-email", "c@oss.nl"
        )
    assert not Organisation.objects.filter(slug="oss").exists()


def test_invite_answers_in_dutch(world, capsys):
    with translation.override("en"):  # as after an English page: the command stays Dutch
        call_command("invite", "helmond", "nieuw@helmond.nl", "viewer")

    out = capsys.readouterr().out
    assert out.startswith(
        "Uitnodiging verstuurd naar nieuw@helmond.nl om als lezer mee te doen bij "
        "Gemeente Helmond, geldig tot "
    )


def test_invite_refuses_an_unknown_organisation_in_dutch(world):
    with pytest.raises(CommandError, match=r"Er is geen organisatie met de korte naam “nergens”\."):
        call_command("invite", "nergens", "a@b.nl", "viewer")
