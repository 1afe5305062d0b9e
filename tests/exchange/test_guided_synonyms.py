"""Header and value synonyms of the guided import (ADR 0029): any case, spacing,
accents and punctuation of a synonym maps; the export's own headers always map to
themselves."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mvimonitor.exchange.columns import (
    COLUMNS,
    EXPORTED,
    SYNONYMS,
    Field,
    choose_columns,
    field_named,
    header_key,
)
from mvimonitor.exchange.values import STATUS_DUTCH, STATUS_SYNONYMS, parse_status
from mvimonitor.plans.workflow import Status

NAMES = [(c.field, n) for c in COLUMNS for n in (c.header, *c.aliases)] + [
    (f, n) for f, names in SYNONYMS.items() for n in names
]


@st.composite
def spelled(draw, text: str) -> str:
    """`text` as a person might type it: any case, an accent on a vowel, spaces and
    punctuation around it."""
    letters = []
    for char in text:
        char = char.upper() if draw(st.booleans()) else char.lower()
        if char.lower() in "aeiou" and draw(st.integers(0, 4)) == 0:
            char = unicodedata.normalize("NFC", char + "\u0301")
        letters.append(char)
    before = draw(st.sampled_from(["", " ", "  "]))
    after = draw(st.sampled_from(["", " ", ".", ":", " *"]))
    return before + "".join(letters) + after


def test_no_header_names_two_fields():
    fields_of: dict[str, set[Field]] = {}
    for name_field, name in NAMES:
        fields_of.setdefault(header_key(name), set()).add(name_field)
    assert {k: v for k, v in fields_of.items() if len(v) > 1} == {}


@given(data=st.data(), pair=st.sampled_from(NAMES))
def test_any_spelling_of_a_header_maps_to_its_field(data, pair):
    name_field, name = pair
    header = data.draw(spelled(name))
    # A description header alone is read as the title (ADR 0029): give it a title.
    cells = (header,) if name_field == Field.TITLE else (header, "Titel")
    (choice, *_rest) = choose_columns(cells, chosen=None, remembered={})
    assert (choice.field, choice.guessed) == (name_field.value, True)


@given(order=st.permutations(EXPORTED))
def test_the_exports_own_headers_always_map_to_themselves(order):
    choices = choose_columns(tuple(c.header for c in order), chosen=None, remembered={})
    assert [c.field for c in choices] == [c.field.value for c in order]


def test_a_description_is_the_title_only_when_no_column_is_the_title():
    alone = choose_columns(("Nr.", "Omschrijving", "Status"), chosen=None, remembered={})
    assert [c.field for c in alone] == ["code", "title", "status"]
    both = choose_columns(("Code", "Titel", "Omschrijving"), chosen=None, remembered={})
    assert [c.field for c in both] == ["code", "title", "description"]
    both = choose_columns(("Nr", "Actie", "Omschrijving"), chosen=None, remembered={})
    assert [c.field for c in both] == ["code", "title", "description"]


def test_a_weaker_guess_gives_way_and_is_listed():
    choices = choose_columns(("Eigenaar", "Trekker", "Code"), chosen=None, remembered={})
    assert [c.field for c in choices] == ["owner", "", "code"]


def test_the_users_choice_beats_memory_beats_the_headers():
    cells = ("Eigenaar", "Trekker", "Nr")
    remembered = {"trekker": "owner", "nr": ""}
    assert [c.field for c in choose_columns(cells, chosen=None, remembered=remembered)] == [
        "",
        "owner",
        "",
    ]
    chosen = {"eigenaar": "owner"}
    choices = choose_columns(cells, chosen=chosen, remembered=remembered)
    assert [(c.field, c.guessed) for c in choices] == [
        ("owner", False),
        ("", True),
        ("", True),
    ]


def test_two_columns_the_user_gave_the_same_field_are_both_kept_as_a_duplicate():
    chosen = {"a": "owner", "b": "owner"}
    choices = choose_columns(("A", "B"), chosen=chosen, remembered={})
    assert [c.field for c in choices] == ["owner", "owner"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("due_date", "due_date"),
        ("Einddatum", "due_date"),
        ("due date", "due_date"),
        ("-", ""),
        ("", ""),
        ("kleur", None),
        ("Trekker", None),
    ],
)
def test_a_field_is_named_by_its_code_or_its_header(text, expected):
    assert field_named(text) == expected


STATUS_NAMES = [
    (status, name)
    for status in Status
    for name in (status.value, STATUS_DUTCH[status], *STATUS_SYNONYMS[status])
]


@given(data=st.data(), pair=st.sampled_from(STATUS_NAMES))
def test_any_spelling_of_a_status_word_is_read_as_its_status(data, pair):
    status, name = pair
    letters = []
    for char in name:
        char = char.upper() if data.draw(st.booleans()) else char
        if char.lower() in "aeiou" and data.draw(st.integers(0, 4)) == 0:
            char = unicodedata.normalize("NFC", char + "\u0308")
        letters.append(char)
    padding = data.draw(st.sampled_from(["", " ", "\t", "  "]))
    assert parse_status(padding + "".join(letters) + padding) == status


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("Afgerond", Status.COMPLETED),
        ("gereed", Status.COMPLETED),
        ("Klaar", Status.COMPLETED),
        ("DONE", Status.COMPLETED),
        ("In uitvoering", Status.RUNNING),
        ("loopt", Status.RUNNING),
        ("bezig", Status.RUNNING),
        ("Nog niet gestart", Status.NOT_STARTED),
        ("open", Status.NOT_STARTED),
        ("On hold", Status.POSTPONED),
        ("on-hold", Status.POSTPONED),
        ("Geannuleerd", Status.CANCELLED),
    ],
)
def test_everyday_statuses_are_read(word, status):
    assert parse_status(word) == status


def test_no_status_word_names_two_statuses():
    words = [name.casefold() for _status, name in STATUS_NAMES]
    assert len(words) == len(set(words))
