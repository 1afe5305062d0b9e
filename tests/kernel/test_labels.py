"""kernel.labels: a stored code in words, or the code itself for one this version does
not know (a report frozen by a later version)."""

from django.utils import translation

from mvimonitor.kernel.labels import label_or_code
from mvimonitor.plans.workflow import Status
from mvimonitor.procurement.phases import Phase


def test_a_known_code_is_shown_by_its_label_in_the_active_language():
    with translation.override("nl"):
        dutch = label_or_code(Status, Status.COMPLETED.value)
    with translation.override("en"):
        english = label_or_code(Status, Status.COMPLETED.value)

    assert (english, dutch) == ("completed", "voltooid")


def test_an_unknown_code_is_shown_as_it_is():
    assert label_or_code(Phase, "a-phase-of-a-later-version") == "a-phase-of-a-later-version"


def test_the_label_is_a_plain_string_not_a_lazy_one():
    assert type(label_or_code(Phase, Phase.PREPARATION.value)) is str
