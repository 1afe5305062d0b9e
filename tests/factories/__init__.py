"""factory_boy factories with Dutch Faker data, one module per app."""

from tests.factories.accounts import UserFactory
from tests.factories.organisations import InvitationFactory, MembershipFactory, OrganisationFactory
from tests.factories.plans import ActionFactory, ActionPlanFactory, PeriodFactory

__all__ = [
    "ActionFactory",
    "ActionPlanFactory",
    "InvitationFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "PeriodFactory",
    "UserFactory",
]
