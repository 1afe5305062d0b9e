"""Hand-made tenders for the target tests: written with the models directly (the
register's own services are tested in tests/procurement), with a phase history."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from itertools import count

from mvimonitor.organisations.models import Organisation
from mvimonitor.plans.models import Theme
from mvimonitor.procurement.models import (
    AppliedTheme,
    Contract,
    Supplier,
    Tender,
    TenderPhaseChange,
)
from mvimonitor.procurement.phases import Phase

_numbers = count(1)


def theme(code: str) -> Theme:
    """A national theme seeded by the plans migrations."""
    return Theme.objects.get(organisation=None, code=code)


def tender(
    organisation: Organisation,
    *,
    registered_on: date = date(2017, 5, 1),
    phases: Sequence[tuple[date, Phase]] = (),
    themes: dict[Theme, Sequence[str]] | Sequence[Theme] = (),
    value: str | None = None,
    starts: date | None = None,
    publishes: date | None = None,
    department: str = "",
    title: str = "",
) -> Tender:
    """A tender registered on `registered_on` in preparation, then moving through
    `phases` ((effective on, phase), in order); `themes` applied (a list: as a
    requirement; a dict: theme -> instruments such as "award")."""
    n = next(_numbers)
    item = Tender.objects.create(
        organisation=organisation,
        reference=f"T-{n:04d}",
        title=title or f"Aanbesteding {n}",
        registered_on=registered_on,
        estimated_value=None if value is None else Decimal(value),
        planned_start_on=starts,
        planned_publication_on=publishes,
        department=department,
    )
    TenderPhaseChange.objects.create(
        tender=item, from_phase=None, to_phase=Phase.PREPARATION, effective_on=registered_on
    )
    previous = Phase.PREPARATION
    for effective_on, phase in phases:
        TenderPhaseChange.objects.create(
            tender=item, from_phase=previous, to_phase=phase, effective_on=effective_on
        )
        previous = phase
    Tender.objects.filter(pk=item.pk).update(phase=previous)
    item.phase = previous
    applied = themes if isinstance(themes, dict) else dict.fromkeys(themes, ("requirement",))
    for applied_theme, instruments in applied.items():
        AppliedTheme.objects.create(
            tender=item,
            theme=applied_theme,
            **{f"as_{instrument}": True for instrument in instruments},
        )
    return item


def contract(tender: Tender, *, awarded_on: date, value: str | None) -> Contract:
    n = next(_numbers)
    supplier = Supplier.objects.create(organisation=tender.organisation, name=f"Leverancier {n}")
    return Contract.objects.create(
        organisation=tender.organisation,
        tender=tender,
        reference=f"C-{n:04d}",
        title=f"Opdracht {n}",
        supplier=supplier,
        awarded_value=None if value is None else Decimal(value),
        awarded_on=awarded_on,
        starts_on=awarded_on,
        ends_on=date(awarded_on.year + 2, awarded_on.month, 1),
    )
