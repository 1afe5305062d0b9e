import pytest
from django.core.exceptions import ValidationError

from mvimonitor.procurement.cpv import (
    cpv_ancestors,
    cpv_name,
    cpv_names,
    cpv_normalise,
    cpv_normalise_list,
    expected_check_digit,
    rule_check_digit,
)
from mvimonitor.procurement.data.cpv_seed import CPV_SEED, OFFICIAL_EXCEPTIONS
from mvimonitor.procurement.models import CpvCode

#: Real codes as in the official list, from several divisions and every level.
OFFICIAL = [
    "45000000-7", "03000000-1", "72000000-5", "30000000-9", "79000000-4", "90000000-7",
    "33000000-0", "85000000-9", "71000000-8", "77000000-0", "45233140-2", "34144900-7",
    "60100000-9", "55520000-1", "39000000-2", "48000000-8", "50000000-5", "09000000-3",
    "15000000-8", "22000000-0", "03111100-3", "03111800-0", "03112000-9", "45233142-6",
    "45233141-9", "45212212-5", "79341400-0", "90919200-4", "90911200-8", "30213100-6",
    "77310000-6", "77313000-7", "45112710-5", "85311200-4", "85312000-9", "79710000-4",
    "15131134-3", "15131135-0", "14212120-7",
    # Below groups whose digit departs from the rule (09300000-2, 03300000-2):
    "09310000-5", "09210000-4", "09134231-5", "09331200-0", "03310000-5", "03311000-2",
]  # fmt: skip


pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize("code", OFFICIAL)
def test_real_codes_pass_with_the_seeded_divisions_and_groups(db, code):
    assert cpv_normalise(code) == code


@pytest.mark.parametrize("code", [c for c in OFFICIAL if not c.startswith(("09", "033"))])
def test_outside_the_exceptions_the_check_digit_is_the_documented_rule(code):
    assert rule_check_digit(code[:8]) == int(code[9])


def test_every_seeded_check_digit_follows_from_its_division_or_is_a_known_exception():
    seeded = {code[:8]: code[9] for code, _name, _en in CPV_SEED}
    for code, _name, _en in CPV_SEED:
        above = {a: d for a, d in seeded.items() if a != code[:8]}
        if code in OFFICIAL_EXCEPTIONS:
            assert expected_check_digit(code[:8], above) != code[9], code
        else:
            assert expected_check_digit(code[:8], above) == code[9], code


def test_the_seed_holds_all_45_divisions_and_groups_with_dutch_and_english_names(db):
    divisions = CpvCode.objects.filter(code__endswith="000000")
    assert divisions.count() == 45
    assert CpvCode.objects.count() == len(CPV_SEED)
    assert all(name and name_en for _c, name, name_en in CPV_SEED)
    assert all(code[2:3] != "0" or code.endswith("000000-" + code[9]) for code, *_ in CPV_SEED)
    assert CpvCode.objects.get(code="45000000").name == "Bouwwerkzaamheden"


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("452331402", "45233140-2"),
        (" 45233140 - 2 ", "45233140-2"),
        ("45 23 31 40-2", "45233140-2"),
        ("45.23.31.40-2", "45233140-2"),
    ],
)
def test_input_without_dash_or_with_spaces_is_normalised(db, value, normalised):
    assert cpv_normalise(value) == normalised


@pytest.mark.parametrize("value", ["", "4523314-2", "452331402-1", "AB233140-2", "45233140-22"])
def test_a_malformed_code_is_refused_with_the_format_explained(db, value):
    with pytest.raises(ValidationError, match="eight digits, a dash and a check digit"):
        cpv_normalise(value)


def test_a_wrong_check_digit_is_refused_and_the_right_one_suggested(db):
    with pytest.raises(ValidationError, match="did you mean 45233140-2") as error:
        cpv_normalise("45233140-3")
    assert error.value.error_list[0].code == "cpv_check_digit"


def test_a_code_without_check_digit_is_refused_with_the_digit_to_add(db):
    with pytest.raises(ValidationError, match="45233140-2"):
        cpv_normalise("45233140")
    with pytest.raises(ValidationError, match="45233140-2"):
        cpv_normalise("45233140-")


def test_a_division_that_does_not_exist_is_refused(db):
    with pytest.raises(ValidationError, match="no division 12"):
        cpv_normalise("12000000-3")


def test_a_stored_code_is_checked_against_its_own_stored_digit(db):
    # The imported official list is the authority, also where the rule disagrees.
    CpvCode.objects.create(code="72267100", check_digit="0", name="Onderhoud van IT-software")
    assert rule_check_digit("72267100") == 5
    assert cpv_normalise("72267100-0") == "72267100-0"
    with pytest.raises(ValidationError):
        cpv_normalise("72267100-5")


def test_a_list_is_normalised_in_one_query_without_blanks_or_repeats(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        codes = cpv_normalise_list(["45233140-2", "", "452331402", "09310000-5"])
    assert codes == ["45233140-2", "09310000-5"]


def test_every_wrong_code_of_a_list_is_reported(db):
    with pytest.raises(ValidationError) as error:
        cpv_normalise_list(["45233140-3", "abc", "03000000-1"])
    assert len(error.value.messages) == 2


def test_ancestors_run_from_the_code_up_to_its_division():
    assert cpv_ancestors("45233140") == [
        "45233140", "45233100", "45233000", "45230000", "45200000", "45000000",
    ]  # fmt: skip
    assert cpv_ancestors("45000000") == ["45000000"]


def test_a_name_is_the_codes_own_or_that_of_its_nearest_seeded_ancestor(
    db, django_assert_num_queries
):
    assert cpv_name("45000000-7") == "Bouwwerkzaamheden"
    assert cpv_name("45212212-5") == (
        "Volledige of gedeeltelijke bouw en civieltechnische werkzaamheden"
    )
    with django_assert_num_queries(1):
        names = cpv_names(["45212212-5", "77313000-7", "12000000-3"])
    assert names == {
        "45212212-5": "Volledige of gedeeltelijke bouw en civieltechnische werkzaamheden",
        "77313000-7": "Tuinbouwdiensten",
        "12000000-3": "",
    }
