"""Writing targets: what is refused with a message, the optimistic lock, the audit."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from mvimonitor.audit.models import AuditEntry
from mvimonitor.plans.models import Theme
from mvimonitor.targets import services
from mvimonitor.targets.models import Instrument, KpiKind, Target
from tests.targets.helpers import theme


def create(plan, **changes):
    fields = {
        "title": "  Minimaal vijf aanbestedingen met MVI-impact  ",
        "kpi_kind": KpiKind.MVI_COUNT,
        "target_value": Decimal(5),
        "starts_on": date(2017, 10, 1),
        "deadline": date(2017, 12, 31),
        **changes,
    }
    return services.target_create(plan=plan, **fields)


def errors(error: ValidationError) -> dict:
    return {field: " ".join(messages) for field, messages in error.message_dict.items()}


def test_a_coordinator_adds_a_target_to_the_plan(world):
    target = create(world.plan, start_year=2018, theme=theme("klimaat"), by=world.coordinator)
    target.refresh_from_db()
    assert target.title == "Minimaal vijf aanbestedingen met MVI-impact"
    assert (target.start_year, target.theme.code, target.version) == (2018, "klimaat", 1)
    entry = AuditEntry.objects.get(model="targets.Target", object_id=str(target.pk))
    assert entry.organisation_id == world.helmond.pk


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"deadline": date(2017, 10, 1)}, "deadline", "after the start"),
        ({"target_value": Decimal(0)}, "target_value", "more than 0"),
        ({"target_value": Decimal("4.5")}, "target_value", "whole number"),
        (
            {"kpi_kind": KpiKind.MVI_SHARE, "target_value": Decimal(101)},
            "target_value",
            "at most 100%",
        ),
        ({"kpi_kind": KpiKind.INSTRUMENT_COUNT}, "instrument", "how MVI is applied"),
        ({"instrument": Instrument.AWARD}, "instrument", "Only the KPIs"),
        ({"title": "  "}, "title", "cannot be blank"),
    ],
)
def test_a_target_that_cannot_be_measured_is_refused(world, changes, field, message):
    with pytest.raises(ValidationError) as caught:
        create(world.plan, **changes)
    assert message in errors(caught.value)[field]
    assert not Target.objects.exists()


def test_a_share_may_aim_for_a_percentage_with_decimals(world):
    target = create(world.plan, kpi_kind=KpiKind.VALUE_SHARE, target_value=Decimal("62.5"))
    assert target.target_value == Decimal("62.5")


def test_a_theme_of_another_organisation_is_refused(world):
    foreign = Theme.objects.create(organisation=world.other, code="ander", name="Ander")
    with pytest.raises(ValidationError) as caught:
        create(world.plan, theme=foreign)
    assert "another organisation" in errors(caught.value)["theme"]


def test_an_own_theme_of_the_organisation_is_accepted(world):
    own = Theme.objects.create(organisation=world.helmond, code="eigen", name="Eigen")
    assert create(world.plan, theme=own).theme == own


def test_an_edit_saves_the_changes_and_raises_the_version(world):
    target = create(world.plan)
    services.target_update(
        target=target, expected_version=1, target_value=Decimal(6), theme=theme("circulair")
    )
    target.refresh_from_db()
    assert (target.target_value, target.theme.code, target.version) == (6, "circulair", 2)


def test_an_edit_of_a_target_someone_else_changed_saves_nothing(world):
    target = create(world.plan)
    services.target_update(target=Target.objects.get(pk=target.pk), expected_version=1, note="x")
    with pytest.raises(services.StaleTargetError, match="Someone else changed this target"):
        services.target_update(target=target, expected_version=1, target_value=Decimal(9))
    target.refresh_from_db()
    assert (target.target_value, target.note, target.version) == (5, "x", 2)


def test_an_invalid_edit_saves_nothing(world):
    target = create(world.plan)
    with pytest.raises(ValidationError):
        services.target_update(
            target=target, expected_version=1, title="Nieuw", deadline=date(2017, 1, 1)
        )
    target.refresh_from_db()
    assert (target.title, target.version) == ("Minimaal vijf aanbestedingen met MVI-impact", 1)


def test_unknown_fields_are_a_programming_error(world):
    with pytest.raises(TypeError):
        create(world.plan, colour="red")


def test_a_target_is_deleted_only_at_the_version_read(world):
    target = create(world.plan)
    services.target_update(target=Target.objects.get(pk=target.pk), expected_version=1, note="x")
    with pytest.raises(services.StaleTargetError):
        services.target_delete(target=target, expected_version=1)
    services.target_delete(target=target, expected_version=2)
    assert not Target.objects.exists()
