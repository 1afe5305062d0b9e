"""CPV codes (EU Common Procurement Vocabulary): format, check digit and names.

A CPV code has eight digits and a check digit: "45233140-2". The digits form a tree:
the division is the first two digits ("45000000"), the group the first three
("45200000"), then class, category and three finer levels.

The check digit. The EU documents a rule (weights 3, 7, 1, 3, 7, 1, 3, 7 on the eight
digits, the sum modulo 10), but the official list of 2008 deviates from it in some
subtrees: the EU derived each level's digit from its parent's, so an error made at a
division or group carried over to everything below it (09310000-5 "Electricity", where
the rule gives 9, and all of group 09300000-2). The official list is the authority. So a
code is checked against the deepest code of its own tree that the database holds (the
seeded divisions and groups, or the full list once imported, see the `import-cpv`
command): its stored digit, moved by the rule's difference between the two codes. A
code held in the database is checked against its own stored digit. See
docs/adr/0009-tender-register.md.
"""

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from mvimonitor.procurement.models import CpvCode

#: The documented weights of the check digit, one per digit.
WEIGHTS = (3, 7, 1, 3, 7, 1, 3, 7)
_INPUT = re.compile(r"^(\d{8})-?(\d)?$")


def rule_check_digit(digits: str) -> int:
    """The check digit of eight digits by the EU's documented rule."""
    return sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 10


def cpv_ancestors(digits: str) -> list[str]:
    """The code itself and the codes above it, deepest first: "45233140" ->
    ["45233140", "45233100", "45233000", "45230000", "45200000", "45000000"]."""
    codes = [digits]
    for length in range(7, 1, -1):
        code = digits[:length].ljust(8, "0")
        if code not in codes:
            codes.append(code)
    return codes


def expected_check_digit(digits: str, known: dict[str, str]) -> str:
    """The check digit of `digits` given the stored digits of codes of its tree
    (`known`, code -> digit): derived from the deepest one held, else by the rule."""
    for ancestor in cpv_ancestors(digits):
        if ancestor in known:
            shift = rule_check_digit(digits) - rule_check_digit(ancestor)
            return str((int(known[ancestor]) + shift) % 10)
    return str(rule_check_digit(digits))


def _known_digits(codes: Iterable[str]) -> dict[str, str]:
    """The stored digits of the codes' trees, and of every division (to tell a division
    that does not exist), in one query."""
    wanted = {ancestor for code in codes for ancestor in cpv_ancestors(code)}
    rows = CpvCode.objects.filter(Q(code__in=wanted) | Q(code__endswith="000000"))
    return dict(rows.values_list("code", "check_digit"))


def _parse(value: str) -> tuple[str, str | None]:
    compact = re.sub(r"[\s.]", "", value or "")
    match = _INPUT.match(compact)
    if not match:
        raise ValidationError(
            _(
                "“%(value)s” is not a CPV code: a CPV code has eight digits, a dash and a "
                "check digit, such as 45233140-2."
            )
            % {"value": value.strip()},
            code="cpv_format",
        )
    return match.group(1), match.group(2)


def _check(digits: str, check: str | None, known: dict[str, str], value: str) -> str:
    division = digits[:2].ljust(8, "0")
    if known and division not in known:
        raise ValidationError(
            _("CPV code “%(value)s” does not exist: there is no division %(division)s.")
            % {"value": value.strip(), "division": digits[:2]},
            code="cpv_unknown",
        )
    expected = expected_check_digit(digits, known)
    if check is None:
        raise ValidationError(
            _("Add the check digit to CPV code %(digits)s: %(digits)s-%(check)s.")
            % {"digits": digits, "check": expected},
            code="cpv_check_digit_missing",
        )
    if check != expected:
        raise ValidationError(
            _(
                "The check digit of CPV code “%(value)s” is not right; did you mean "
                "%(digits)s-%(check)s? Check the code against the official CPV list."
            )
            % {"value": value.strip(), "digits": digits, "check": expected},
            code="cpv_check_digit",
        )
    return f"{digits}-{check}"


def cpv_normalise(value: str) -> str:
    """ "45233140-2", "452331402" or "45 23 31 40 - 2" -> "45233140-2"; raises
    ValidationError for a wrong format, an unknown division or a wrong check digit."""
    digits, check = _parse(value)
    return _check(digits, check, _known_digits([digits]), value)


def cpv_normalise_list(values: Iterable[str]) -> list[str]:
    """Normalise several codes with one query, dropping blanks and repeats (order kept);
    every error is reported, each naming its code."""
    parsed: list[tuple[str, str | None, str]] = []
    errors: list[ValidationError] = []
    for value in values:
        if not (value or "").strip():
            continue
        try:
            parsed.append((*_parse(value), value))
        except ValidationError as error:
            errors.append(error)
    known = _known_digits(digits for digits, _check_digit, _value in parsed)
    result: list[str] = []
    for digits, check, value in parsed:
        try:
            code = _check(digits, check, known, value)
        except ValidationError as error:
            errors.append(error)
            continue
        if code not in result:
            result.append(code)
    if errors:
        raise ValidationError(errors)
    return result


def cpv_names(codes: Iterable[str]) -> dict[str, str]:
    """For each code ("45233140-2" or "45233140"): the Dutch name of the code itself or of
    its nearest ancestor held in the database, "" when none is. One query."""
    wanted = {code: code[:8] for code in codes if code}
    ancestors = {digits: cpv_ancestors(digits) for digits in wanted.values()}
    names = dict(
        CpvCode.objects.filter(
            code__in={a for chain in ancestors.values() for a in chain}
        ).values_list("code", "name")
    )
    return {
        code: next((names[a] for a in ancestors[digits] if a in names), "")
        for code, digits in wanted.items()
    }


def cpv_name(code: str) -> str:
    """The Dutch name of a code, or of its nearest ancestor held; "" when none is."""
    return cpv_names([code]).get(code, "")
