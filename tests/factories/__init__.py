"""factory_boy factories with Dutch Faker data, one module per app."""

from tests.factories.accounts import SiteAdminFactory, UserFactory
from tests.factories.organisations import InvitationFactory, MembershipFactory, OrganisationFactory
from tests.factories.plans import ActionFactory, ActionPlanFactory, PeriodFactory

__all__ = [
    "ActionFactory",
    "ActionPlanFactory",
    "InvitationFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "PeriodFactory",
    "SiteAdminFactory",
    "UserFactory",
]
