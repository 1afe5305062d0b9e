"""An organisation's code in the government's lists: the TOOI identifier (Thesaurus en
Ontologie Overheidsinformatie, identifier.overheid.nl), which for a municipality,
province and water board is its CBS code in lower case.

    municipality  gm + 4 digits   GM0794 (CBS) = gm0794 (TOOI), Helmond
    province      pv + 2 digits   PV30 = pv30, Noord-Brabant
    water board   ws + 4 digits   WS0155 = ws0155
    ministry      mnre + 4 digits mnre1034, Binnenlandse Zaken en Koninkrijksrelaties
    other         oorg + digits   other government organisations in TOOI, such as a
                                  joint arrangement (gemeenschappelijke regeling)

A person may type the CBS code, the TOOI code or the whole TOOI URI
(https://identifier.overheid.nl/tooi/id/gemeente/gm0794); it is stored as the TOOI code.
Only the form is checked, not whether the code exists: the lists change with every
merger of municipalities, and the installation need not be online to check them."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: The longest code stored (an `oorg` code has up to eight digits).
CODE_MAX_LENGTH = 12

#: Organisation.Kind value -> the pattern of its code, and an example.
CODE_FORMATS: dict[str, tuple[str, str]] = {
    "municipality": (r"gm\d{4}", "GM0794"),
    "province": (r"pv\d{2}", "PV30"),
    "water_board": (r"ws\d{4}", "WS0155"),
    "ministry": (r"mnre\d{4}", "mnre1034"),
    "region": (r"oorg\d{1,8}", "oorg10103"),
    "other": (r"oorg\d{1,8}", "oorg10103"),
}

_URI = re.compile(r"https?://identifier\.overheid\.nl/tooi/id/[a-z_]+/([a-z0-9]+)/?")


def normalised_code(typed: str) -> str:
    """The TOOI code in `typed` (a CBS code, a TOOI code or a TOOI URI, any case,
    surrounding spaces ignored), or "" for nothing typed. Says nothing yet about
    whether it fits a kind: `check_code` does."""
    text = typed.strip().lower()
    uri = _URI.fullmatch(text)
    return uri.group(1) if uri else text


def check_code(code: str, *, kind: str) -> None:
    """Refuse (ValidationError on the field "tooi_code") a stored code that is not the
    form of code an organisation of `kind` has; "" (no code) is always fine."""
    if not code:
        return
    pattern, example = CODE_FORMATS.get(kind, CODE_FORMATS["other"])
    if not re.fullmatch(pattern, code, flags=re.ASCII):  # \d: 0-9 only
        raise ValidationError(
            {
                "tooi_code": _(
                    "“%(code)s” is not a code of this kind of organisation. Use the CBS or "
                    "TOOI code, for example %(example)s, or leave it empty."
                )
                % {"code": code, "example": example}
            }
        )
