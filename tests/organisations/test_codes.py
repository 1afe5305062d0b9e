"""An organisation's CBS/TOOI code: typed as a CBS code, a TOOI code or a TOOI URI, stored
as the TOOI code, and of the form its kind of organisation has."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from mvimonitor.organisations.codes import (
    CODE_FORMATS,
    CODE_MAX_LENGTH,
    check_code,
    normalised_code,
)
from mvimonitor.organisations.models import Organisation


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("GM0794", "gm0794"),
        ("gm0794", "gm0794"),
        ("  Gm0794 ", "gm0794"),
        ("https://identifier.overheid.nl/tooi/id/gemeente/gm0828", "gm0828"),
        ("https://identifier.overheid.nl/tooi/id/ministerie/mnre1034", "mnre1034"),
        ("PV30", "pv30"),
        ("", ""),
    ],
)
def test_a_typed_code_is_stored_as_the_tooi_code(typed, stored):
    assert normalised_code(typed) == stored


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("municipality", "gm0794"),
        ("province", "pv30"),
        ("water_board", "ws0155"),
        ("ministry", "mnre1034"),
        ("region", "oorg10103"),
        ("other", "oorg1"),
        ("municipality", ""),
    ],
)
def test_each_kind_takes_the_code_of_its_kind_or_none(kind, code):
    check_code(code, kind=kind)


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("municipality", "gm794"),  # three digits
        ("municipality", "gm07940"),
        ("municipality", "pv30"),  # a province's code for a municipality
        ("province", "gm0794"),
        ("water_board", "ws15"),
        ("ministry", "mnre12"),
        ("region", "regio"),
        ("municipality", "gm\u0660\u0667\u0669\u0664"),  # Arabic-Indic digits: no CBS code
    ],
)
def test_a_code_of_another_form_is_refused_with_an_example(english, kind, code):
    with pytest.raises(ValidationError) as refused:
        check_code(code, kind=kind)
    message = refused.value.message_dict["tooi_code"][0]
    assert f"“{code}” is not a code of this kind of organisation" in message
    assert CODE_FORMATS[kind][1] in message


def test_every_kind_of_organisation_has_a_code_format():
    assert set(CODE_FORMATS) == set(Organisation.Kind.values)


@pytest.mark.parametrize("kind", list(CODE_FORMATS))
def test_every_example_in_the_help_is_a_valid_code_of_its_kind(kind):
    check_code(normalised_code(CODE_FORMATS[kind][1]), kind=kind)


@given(digits=st.integers(min_value=0, max_value=9999), upper=st.booleans())
def test_every_cbs_municipality_code_is_accepted_in_either_case(digits, upper):
    typed = f"GM{digits:04d}" if upper else f"gm{digits:04d}"
    code = normalised_code(typed)
    check_code(code, kind="municipality")
    assert code == f"gm{digits:04d}"
    assert len(code) <= CODE_MAX_LENGTH


@given(st.text(max_size=20))
def test_whatever_is_typed_is_either_refused_or_a_code_that_fits_the_column(text):
    code = normalised_code(text)
    for kind in CODE_FORMATS:
        try:
            check_code(code, kind=kind)
        except ValidationError:
            continue
        assert len(code) <= CODE_MAX_LENGTH
        assert code.isascii() and code == code.strip().lower()
