import factory

from mvimonitor.organisations.models import Invitation, Membership, Organisation
from mvimonitor.organisations.roles import Role
from tests.factories.accounts import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Gemeente Voorbeeld {n}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.VIEWER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"uitgenodigd{n}@example.nl")
    role = Role.EDITOR
