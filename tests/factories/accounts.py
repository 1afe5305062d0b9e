import factory

from mvimonitor.accounts.models import User

PASSWORD = "Correct-Paard-Batterij-2017"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.nl")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SiteAdminFactory(UserFactory):
    """A site administrator of the installation, a member of no organisation."""

    email = factory.Sequence(lambda n: f"beheerder{n}@example.nl")
    is_site_admin = True
