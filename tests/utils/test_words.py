"""Small numbers in running text are words, in Dutch and in English (utils.words)."""

import pytest
from django.utils import translation

from mvimonitor.utils.words import in_words, one_full_stop


@pytest.mark.parametrize(
    ("number", "dutch", "english"),
    [
        (1, "één", "one"),
        (2, "twee", "two"),
        (3, "drie", "three"),
        (12, "twaalf", "twelve"),
        (20, "twintig", "twenty"),
        (21, "21", "21"),
        (0, "0", "0"),
        (-2, "-2", "-2"),
        (120, "120", "120"),
    ],
)
def test_one_to_twenty_are_words_and_other_numbers_digits(number, dutch, english):
    with translation.override("nl"):
        assert in_words(number) == dutch
    with translation.override("en"):
        assert in_words(number) == english


def test_every_number_in_words_has_its_own_dutch_word():
    with translation.override("nl"):
        words = [in_words(n) for n in range(1, 21)]
    assert len(set(words)) == 20 and not any(word.isdigit() for word in words)


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("Updated on May 1, 2017, 10 a.m..", "Updated on May 1, 2017, 10 a.m."),
        ("Bijgewerkt op 1 mei 2017 10:00.", "Bijgewerkt op 1 mei 2017 10:00."),
        ("Wait for it...", "Wait for it..."),
        ("No full stop", "No full stop"),
    ],
)
def test_a_sentence_ends_in_one_full_stop(text, sentence):
    assert one_full_stop(text) == sentence
