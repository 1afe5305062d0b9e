"""Running text. Numbers: small whole numbers in words ("de komende twee maanden", "the
coming two months"), as Dutch and English style guides write them, larger ones in
digits; one rule for every page and file (figures in tables and key figures stay
digits). Sentences: one full stop at the end, also after a time ("10 a.m.")."""

import re

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

#: One to twenty: the Taalunie's advice for Dutch running text ("tot en met twintig").
_WORDS: tuple[Promise, ...] = (
    pgettext_lazy("number in words", "one"),
    pgettext_lazy("number in words", "two"),
    pgettext_lazy("number in words", "three"),
    pgettext_lazy("number in words", "four"),
    pgettext_lazy("number in words", "five"),
    pgettext_lazy("number in words", "six"),
    pgettext_lazy("number in words", "seven"),
    pgettext_lazy("number in words", "eight"),
    pgettext_lazy("number in words", "nine"),
    pgettext_lazy("number in words", "ten"),
    pgettext_lazy("number in words", "eleven"),
    pgettext_lazy("number in words", "twelve"),
    pgettext_lazy("number in words", "thirteen"),
    pgettext_lazy("number in words", "fourteen"),
    pgettext_lazy("number in words", "fifteen"),
    pgettext_lazy("number in words", "sixteen"),
    pgettext_lazy("number in words", "seventeen"),
    pgettext_lazy("number in words", "eighteen"),
    pgettext_lazy("number in words", "nineteen"),
    pgettext_lazy("number in words", "twenty"),
)


def in_words(number: int) -> str:
    """`number` as running text in the active language: one to twenty in words, any
    other number (zero, negative, larger) in digits."""
    if 1 <= number <= len(_WORDS):
        return str(_WORDS[number - 1])
    return str(number)


#: Two full stops that end a text, not three (an ellipsis).
_DOUBLE_FULL_STOP = re.compile(r"(?<!\.)\.\.$")


def one_full_stop(sentence: str) -> str:
    """`sentence` ending in one full stop where its last word brings its own: English
    times end in one ("10 a.m."), and a message ending in a time adds another."""
    return _DOUBLE_FULL_STOP.sub(".", sentence)
