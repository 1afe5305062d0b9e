"""No control character gets into a text a user fills (issue 12, item 8, input side).

Every text field refuses the control characters other than tab and line feed (C0, DEL,
C1) and the non-characters U+FFFE and U+FFFF, which no output can carry, with a message
that names the character and where it is: the model (so the API of issue 18 refuses it
too) and every form. A line break as a browser sends it (CR LF), or a lone CR, becomes a
line feed, and counts as one character, as the browser counted it. The imports are in
tests/exchange and tests/procurement (test_import_control_characters.py)."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mvimonitor.plans.models import Action
from tests.test_text_limits import FORM_CASES, USER_TEXT, bind, label

#: Every character refused: C0 but tab and line feed, DEL, C1, and the non-characters.
CONTROL = (
    *(chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"),
    "\x7f",
    *(chr(code) for code in range(0x80, 0xA0)),
    "\ufffe",
    "\uffff",
)


def refusal(character: str, position: int) -> str:
    return (
        f"This text holds an invisible control character (U+{ord(character):04X}) at "
        f"position {position}: type that part of the text again without it."
    )


# The model


@pytest.mark.parametrize(
    ("model", "name"), [pytest.param(m, n, id=label(m, n)) for m, n in USER_TEXT]
)
def test_every_text_field_refuses_a_control_character_and_names_it(english, model, name):
    field = model._meta.get_field(name)
    with pytest.raises(ValidationError) as refused:
        field.run_validators("Bel\x07")
    assert refusal("\x07", 4) in refused.value.messages


@pytest.mark.parametrize("character", CONTROL, ids=lambda c: f"U+{ord(c):04X}")
def test_the_model_refuses_every_control_character(english, character):
    field = Action._meta.get_field("description")
    with pytest.raises(ValidationError) as refused:
        field.run_validators(f"Regel 1\nRegel{character} 2")
    assert refused.value.messages == [refusal(character, 14)]


@pytest.mark.parametrize("text", ["Kolom\tkolom", "Regel 1\nRegel 2", "Regel 1\r\nRegel 2", "→ 🌍"])
def test_the_model_takes_tabs_line_breaks_and_any_other_character(text):
    # CR LF too: every text a textarea saved before issue 12 holds them.
    Action._meta.get_field("description").run_validators(text)


def test_the_model_refuses_a_lone_carriage_return(english):
    with pytest.raises(ValidationError) as refused:
        Action._meta.get_field("description").run_validators("Regel 1\rRegel 2")
    assert refused.value.messages == [refusal("\r", 8)]


# The forms


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in FORM_CASES])
def test_every_form_refuses_a_control_character_and_names_it(world, english, case):
    form, field = bind(case, world, "Bel\x07ding")
    assert refusal("\x07", 4) in form.errors.get(field, [])


@pytest.mark.parametrize(
    "case",
    [pytest.param(case, id=case.id) for case in FORM_CASES],
)
def test_every_form_turns_a_browsers_line_breaks_into_line_feeds(world, case):
    form, field = bind(case, world, "Regel 1\r\nRegel 2\rRegel 3")
    value = form.cleaned_data[field]
    assert ("\n".join(value) if isinstance(value, list) else value) == "Regel 1\nRegel 2\nRegel 3"


def test_a_line_break_counts_as_one_character_as_the_browser_counted_it(world, english):
    (case,) = [c for c in FORM_CASES if c.id == "ActionForm.description"]
    maximum = Action._meta.get_field("description").max_length
    text = "x" * (maximum // 2 - 1) + "\r\n" + "y" * (maximum // 2)  # maximum, counted so
    form, field = bind(case, world, text)
    assert field not in form.errors
    assert form.cleaned_data[field] == text.replace("\r\n", "\n")


def test_a_nul_is_refused_by_name_like_every_other_control_character(world, english):
    (case,) = [c for c in FORM_CASES if c.id == "ActionForm.title"]
    form, field = bind(case, world, "Nul\x00")
    assert form.errors[field] == [refusal("\x00", 4)]


# The page


def test_the_page_names_the_character_in_dutch_and_keeps_the_text(world, login, frozen_today):
    action = world.unowned_action
    data = {
        "version": action.version,
        "code": action.code,
        "title": "Inkoop\x0bbeleid",  # a vertical tab: a line break pasted from Word
        "period": action.period_id,
        "added_kind": "initial",
        "effective_on": "2017-09-20",
        "description": "Regel 1\r\nRegel 2",
    }
    url = reverse(
        "plans:action_edit",
        kwargs={"org_slug": "helmond", "plan_slug": world.plan.slug, "pk": action.pk},
    )
    response = login(world.editor).post(url, data)

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert (
        "Deze tekst bevat een onzichtbaar stuurteken (U+000B) op positie 7: typ dat stuk "
        "tekst opnieuw, zonder het teken." in page
    )
    assert Action.objects.get(pk=action.pk).title == action.title
