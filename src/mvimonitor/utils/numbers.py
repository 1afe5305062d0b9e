"""Percentages, rounded one way everywhere: half up, on exact decimals (4 of 6 is 67%,
not 66% as a floor gives, and 1 of 8 is 13%, not 12% as Python's round() gives, which
rounds halves to even). Whole percentages unless a figure asks for decimals (a KPI's
share has one). One function, so a row of percentages from the same data agrees."""

from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


def rounded(value: Decimal | int | float, places: int = 0) -> Decimal:
    """`value` rounded half up to `places` decimals (a float by its shortest repr)."""
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return exact.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def percentage(part: Decimal | int, whole: Decimal | int, *, places: int = 0) -> Decimal | None:
    """`part` of `whole` in percent, rounded half up to `places` decimals (whole by
    default); None when `whole` is 0 (nothing to divide by)."""
    if not whole:
        return None
    return rounded(Decimal(part) * HUNDRED / Decimal(whole), places)


def whole_percentage(part: Decimal | int, whole: Decimal | int) -> int | None:
    """`part` of `whole` in whole percent (half up) as an int; None when `whole` is 0."""
    share = percentage(part, whole)
    return None if share is None else int(share)
