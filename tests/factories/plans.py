from datetime import date

import factory

from mvimonitor.plans import services
from mvimonitor.plans.models import Action, ActionPlan, Period
from mvimonitor.plans.workflow import Status
from tests.factories.organisations import OrganisationFactory


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"MVI-actieplan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    adopted_on = date(2017, 4, 1)
    starts_on = date(2017, 1, 1)
    ends_on = date(2020, 12, 31)


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period

    plan = factory.SubFactory(ActionPlanFactory)
    name = factory.Sequence(lambda n: f"Aan de slag in {2017 + n}")
    position = factory.Sequence(int)


class ActionFactory(factory.Factory):
    """Actions go through services.action_create, so every action has its first
    history row, as in the product."""

    class Meta:
        model = Action

    period = factory.SubFactory(PeriodFactory)
    plan = factory.SelfAttribute("period.plan")
    code = factory.Sequence(lambda n: f"A{n:03d}")
    title = factory.Faker("sentence", nb_words=6, locale="nl_NL")
    status = Status.NOT_STARTED
    status_since = date(2017, 4, 1)
    added_on = factory.SelfAttribute("plan.adopted_on")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.action_create(by=kwargs.pop("by", None), **kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("status_since", None)
        return model_class(*args, **kwargs)
