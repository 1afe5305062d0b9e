"""kernel.locking: one `UPDATE ... WHERE id = ... AND version = N` writes an edit only if
nobody saved the record since it was read."""

from datetime import UTC, datetime

import pytest
from django.utils import translation

from mvimonitor.kernel.locking import field_values, locked_update
from mvimonitor.plans.models import Action
from mvimonitor.procurement.models import Supplier
from tests.procurement.factories import SupplierFactory


class Stale(Exception):
    pass


def test_an_edit_of_the_version_read_is_saved_and_raises_the_version(world, time_machine):
    time_machine.move_to(datetime(2017, 9, 20, 12, 0, tzinfo=UTC), tick=False)
    action = Action.objects.get(pk=world.owned_action.pk)
    read = action.version
    action.title = "Nieuwe titel"

    locked_update(
        action, expected_version=read, values=field_values(action, ["title"]), stale=Stale
    )

    stored = Action.objects.get(pk=action.pk)
    assert (stored.title, stored.version) == ("Nieuwe titel", read + 1)
    assert stored.updated_at == datetime(2017, 9, 20, 12, 0, tzinfo=UTC)
    assert (action.version, action.updated_at) == (stored.version, stored.updated_at)


def test_a_stale_version_is_refused_and_nothing_is_saved(world):
    action = Action.objects.get(pk=world.owned_action.pk)
    before = Action.objects.filter(pk=action.pk).values().get()
    action.title = "Nieuwe titel"

    with pytest.raises(Stale):
        locked_update(
            action,
            expected_version=action.version - 1,
            values=field_values(action, ["title"]),
            stale=Stale,
        )

    assert Action.objects.filter(pk=action.pk).values().get() == before
    assert action.version == before["version"]


def test_the_second_of_two_edits_of_the_same_version_is_refused(world):
    first = Action.objects.get(pk=world.owned_action.pk)
    second = Action.objects.get(pk=world.owned_action.pk)

    locked_update(first, expected_version=first.version, values={"result": "A"}, stale=Stale)
    with pytest.raises(Stale):
        locked_update(second, expected_version=second.version, values={"result": "B"}, stale=Stale)

    assert Action.objects.get(pk=first.pk).result == "A"


def test_a_write_without_a_loaded_version_checks_nothing_but_raises_the_version(world):
    opened = Action.objects.get(pk=world.owned_action.pk)
    elsewhere = Action.objects.get(pk=world.owned_action.pk)

    locked_update(elsewhere, expected_version=None, values={"result": "Import"}, stale=Stale)

    assert elsewhere.version == opened.version + 1 == Action.objects.get(pk=opened.pk).version
    with pytest.raises(Stale):
        locked_update(opened, expected_version=opened.version, values={"result": "B"}, stale=Stale)


def test_a_model_without_updated_at_is_locked_by_its_version_alone(world):
    supplier = SupplierFactory(organisation=world.helmond, name="Groen BV")

    locked_update(supplier, expected_version=1, values={"city": "Helmond"}, stale=Stale)

    stored = Supplier.objects.get(pk=supplier.pk)
    assert (stored.city, stored.version, supplier.version) == ("Helmond", 2, 2)


def test_field_values_are_keyed_by_column(world):
    action = world.owned_action

    values = field_values(action, ["owner", "title"])

    assert values == {"owner_id": action.owner_id, "title": action.title}


def test_field_values_refuse_a_name_that_is_no_column(world):
    with pytest.raises(TypeError):
        field_values(world.owned_action, ["status_changes"])


def test_the_conflict_message_names_the_record_says_nothing_was_saved_and_what_to_do():
    from mvimonitor.plans.services import StaleActionError

    with translation.override("nl"):
        message = str(StaleActionError())

    assert message.startswith("Iemand anders heeft deze actie gewijzigd nadat u de pagina opende")
    assert "uw wijziging is niet opgeslagen" in message
    assert "Laad de pagina opnieuw" in message
