"""KvK numbers (Kamer van Koophandel, the Dutch business register): eight digits.

There is no check digit to test. Numbers issued before 2016 happened to pass an
eleven-test, but the KvK has not promised one and numbers issued since do not reliably
satisfy it (Open Forms, the Dutch government's form builder, checks the length and digits
only, for the same reason). See docs/adr/0010-contracts-and-tender-exchange.md.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

KVK_LENGTH = 8
#: What people type between the digits: spaces (also non-breaking ones) and dots.
_SEPARATORS = re.compile(r"[\s.\u00a0\u202f]+")
BRANCH_LENGTH = 12  # a vestigingsnummer, often mistaken for the KvK number


def kvk_normalise(value: str) -> str:
    """The eight digits of a KvK number written with or without spaces and dots
    ("0901 2345", "09.01.23.45"); a ValidationError saying what is wrong otherwise.
    An empty value stays empty (a supplier abroad has no KvK number)."""
    text = _SEPARATORS.sub("", value or "")
    if not text:
        return ""
    if not text.isascii() or not text.isdigit():
        raise ValidationError(
            _("A KvK number has 8 digits and nothing else; “%(value)s” has other characters.")
            % {"value": value.strip()},
            code="kvk_characters",
        )
    if len(text) == BRANCH_LENGTH:
        raise ValidationError(
            _(
                "“%(value)s” has 12 digits, like a branch number (vestigingsnummer). "
                "Enter the KvK number of the company: 8 digits."
            )
            % {"value": value.strip()},
            code="kvk_branch",
        )
    if len(text) != KVK_LENGTH:
        raise ValidationError(
            _("A KvK number has 8 digits; “%(value)s” has %(count)s.")
            % {"value": value.strip(), "count": len(text)},
            code="kvk_length",
        )
    return text
