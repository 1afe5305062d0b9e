"""organisations.selectors.organisation_with_slug: how commands find an organisation."""

from mvimonitor.organisations import selectors


def test_an_organisation_is_found_by_its_short_name_with_surrounding_spaces_ignored(world):
    assert selectors.organisation_with_slug(slug=" helmond ") == world.helmond


def test_no_organisation_is_found_for_a_short_name_nobody_has(world):
    assert selectors.organisation_with_slug(slug="nergens") is None
