"""Writes to the tender register: tenders (optimistic lock), their phase history, the
MVI themes applied in them and the actions they serve.

Same rules as the actions (plans.services.actions): every function is one transaction,
all or nothing; `Tender.phase` changes only together with a new TenderPhaseChange row;
edits check the version the user read (see docs/adr/0009-tender-register.md)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mvimonitor.kernel.history import HistoryMessages, check_effective_on, recorded
from mvimonitor.kernel.locking import StaleRecordError, field_values, locked_update
from mvimonitor.organisations.roles import MEMBER_ROLES
from mvimonitor.plans import selectors as plan_selectors
from mvimonitor.procurement.cpv import cpv_normalise_list
from mvimonitor.procurement.models import AppliedTheme, Tender, TenderPhaseChange
from mvimonitor.procurement.phases import (
    INITIAL_PHASES,
    Phase,
    PhaseTransitionError,
    check_phase_transition,
)
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.organisations.models import Organisation
    from mvimonitor.plans.models import Action, Theme

#: Fields of a tender that tender_create and tender_update take (phase has its own
#: service, the actions theirs).
EDITABLE_FIELDS = (
    "reference",
    "title",
    "description",
    "cpv_codes",
    "estimated_value",
    "procedure",
    "planned_publication_on",
    "planned_start_on",
    "buyer",
    "buyer_name",
    "department",
    "registered_on",
)


class StaleTenderError(StaleRecordError):
    """Someone else saved the tender since it was read (optimistic lock)."""

    record = gettext_lazy("this tender")


def _clean_text(tender: Tender) -> None:
    for name in ("reference", "title", "buyer_name", "department"):
        setattr(tender, name, (getattr(tender, name) or "").strip())


def _check_tender(tender: Tender) -> None:
    """Validate with messages a user understands before the model's constraints."""
    _clean_text(tender)
    errors: dict[str, str] = {}
    if tender.registered_on and tender.registered_on > today():
        errors["registered_on"] = _("A tender cannot be registered on a date in the future.")
    publication, start = tender.planned_publication_on, tender.planned_start_on
    if publication and start and start < publication:
        errors["planned_start_on"] = _(
            "The planned contract start lies before the planned publication."
        )
    if tender.buyer_id and not _is_colleague(tender.buyer_id, tender.organisation_id):
        errors["buyer"] = _("The buyer must be a member of the organisation.")
    duplicate = Tender.objects.filter(
        organisation_id=tender.organisation_id, reference__iexact=tender.reference
    ).exclude(pk=tender.pk)
    # A reference longer than its column is refused by full_clean below; looking it up
    # first would hand SQLite a LIKE pattern it refuses outright (over 50,000 bytes).
    fits = len(tender.reference) <= (Tender._meta.get_field("reference").max_length or 0)
    if tender.reference and fits and duplicate.exists():
        errors["reference"] = _(
            "The organisation already has a tender with the reference “%(reference)s”."
        ) % {"reference": tender.reference}
    if errors:
        raise ValidationError(errors)
    try:
        tender.cpv_codes = cpv_normalise_list(tender.cpv_codes or [])
    except ValidationError as error:
        raise ValidationError({"cpv_codes": error.messages}) from error
    tender.full_clean(exclude=["actions", "cpv_codes"])


def _is_colleague(user_id: int, organisation_id: int) -> bool:
    return (
        get_user_model()
        .objects.filter(
            pk=user_id,
            memberships__organisation_id=organisation_id,
            memberships__role__in=MEMBER_ROLES,
        )
        .exists()
    )


def _check_registered_on_before_history(tender: Tender) -> None:
    first = (
        tender.phase_changes.order_by("effective_on").values_list("effective_on", flat=True).first()
    )
    if first is not None and tender.registered_on > first:
        raise ValidationError(
            {
                "registered_on": _(
                    "A tender cannot be registered after its first phase change (%(date)s)."
                )
                % {"date": date_format(first)}
            }
        )


@transaction.atomic
def tender_create(
    *,
    organisation: Organisation,
    by: User | None,
    reference: str,
    title: str,
    phase: Phase = Phase.PREPARATION,
    registered_on: date | None = None,
    recorded_at: datetime | None = None,
    **fields: Any,
) -> Tender:
    """Register a tender and write its first history row (none -> `phase`) effective
    on `registered_on` (default today); `recorded_at` as for tender_change_phase."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown tender fields: {sorted(unknown)}")
    if phase not in INITIAL_PHASES:
        raise ValidationError({"phase": _("A tender cannot be registered as withdrawn.")})
    tender = Tender(
        organisation=organisation,
        reference=reference,
        title=title,
        phase=phase,
        registered_on=registered_on or today(),
        **fields,
    )
    _check_tender(tender)
    tender.save()
    TenderPhaseChange.objects.create(
        tender=tender,
        from_phase=None,
        to_phase=phase,
        effective_on=tender.registered_on,
        recorded_by=by,
        **recorded(recorded_at),
    )
    return tender


@transaction.atomic
def tender_update(*, tender: Tender, by: User | None, version: int, **fields: Any) -> Tender:
    """Change a tender's fields with one `UPDATE ... WHERE version = N`; a stale version
    raises StaleTenderError and nothing is saved."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown tender fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(tender, name, value)
    _check_tender(tender)
    if "registered_on" in fields:
        _check_registered_on_before_history(tender)
    locked_update(
        tender,
        expected_version=version,
        values=field_values(tender, fields),
        stale=StaleTenderError,
    )
    return tender


@transaction.atomic
def tender_change_phase(
    *,
    tender: Tender,
    to_phase: Phase,
    effective_on: date | None,
    by: User | None,
    version: int,
    note: str = "",
    recorded_at: datetime | None = None,
) -> TenderPhaseChange:
    """Append a phase change to the history and make it the current phase.

    The change may be back-dated, but not into the future, not before the tender was
    registered and not before its latest change (the history stays in order).
    `recorded_at` (default now) only for loading history recorded earlier (the demo)."""
    locked = Tender.objects.select_for_update().get(pk=tender.pk)
    current = Phase(locked.phase)
    try:
        check_phase_transition(current, Phase(to_phase), note=note)
    except PhaseTransitionError as error:
        raise ValidationError({"to_phase": str(error)}) from error
    effective_on = effective_on or today()
    latest = (
        locked.phase_changes.order_by("-effective_on")
        .values_list("effective_on", flat=True)
        .first()
    )
    check_effective_on(
        effective_on, added_on=locked.registered_on, latest=latest, messages=_phase_change_dates()
    )
    change = TenderPhaseChange.objects.create(
        tender=locked,
        from_phase=current,
        to_phase=to_phase,
        effective_on=effective_on,
        recorded_by=by,
        note=note.strip(),
        **recorded(recorded_at),
    )
    locked_update(
        tender, expected_version=version, values={"phase": to_phase}, stale=StaleTenderError
    )
    tender.phase = to_phase
    return change


def _phase_change_dates() -> HistoryMessages:
    return HistoryMessages(
        in_future=_("The date of a phase change cannot lie in the future."),
        before_added=_(
            "The date of a phase change cannot lie before the tender was registered (%(date)s)."
        ),
        before_latest=_(
            "The date of a phase change cannot lie before the tender's last phase "
            "change (%(date)s)."
        ),
    )


def _check_theme(tender: Tender, theme: Theme) -> None:
    if theme.organisation_id not in (None, tender.organisation_id):
        raise ValidationError({"theme": _("This theme belongs to another organisation.")})


@transaction.atomic
def applied_theme_save(
    *,
    tender: Tender,
    theme: Theme,
    by: User | None,
    as_suitability: bool = False,
    as_selection: bool = False,
    as_requirement: bool = False,
    as_award: bool = False,
    as_contract_clause: bool = False,
    ambition_level: int | None = None,
    criteria_ids: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> AppliedTheme:
    """Record that `theme` is applied in the tender, and how (at least one instrument);
    replaces what was recorded for that theme before. The themes applied belong to the
    tender: its version locks them (StaleTenderError), and rises with every change."""
    _check_theme(tender, theme)
    instruments = {
        "as_suitability": as_suitability,
        "as_selection": as_selection,
        "as_requirement": as_requirement,
        "as_award": as_award,
        "as_contract_clause": as_contract_clause,
    }
    if not any(instruments.values()):
        raise ValidationError(
            {
                "as_suitability": _(
                    "Tick at least one way in which the theme is applied in the tender."
                )
            }
        )
    applied = AppliedTheme.objects.filter(tender=tender, theme=theme).first() or AppliedTheme(
        tender=tender, theme=theme
    )
    for name, value in instruments.items():
        setattr(applied, name, value)
    applied.ambition_level = ambition_level
    applied.criteria_ids = _clean_criteria_ids(criteria_ids)
    applied.note = note.strip()
    applied.full_clean(exclude=["tender", "theme"], validate_unique=False)
    locked_update(tender, expected_version=expected_version, values={}, stale=StaleTenderError)
    applied.save()
    return applied


def _clean_criteria_ids(value: str) -> str:
    """ "a1, b2 ,,a1" -> "a1, b2": trimmed, without blanks or repeats."""
    ids: list[str] = []
    for part in (value or "").replace(";", ",").split(","):
        if part.strip() and part.strip() not in ids:
            ids.append(part.strip())
    return ", ".join(ids)


@transaction.atomic
def applied_theme_remove(*, tender: Tender, theme: Theme, by: User | None) -> None:
    """The theme is no longer applied in the tender (nothing happens if it was not). The
    tender's version rises, so that a theme page opened before does not apply it again."""
    _check_theme(tender, theme)
    if AppliedTheme.objects.filter(tender=tender, theme=theme).delete()[0]:
        locked_update(tender, expected_version=None, values={}, stale=StaleTenderError)


@transaction.atomic
def tender_link_actions(
    *,
    tender: Tender,
    actions: Iterable[Action],
    by: User | None,
    expected_version: int | None = None,
) -> Sequence[Action]:
    """Make `actions` the set of actions the tender serves (replacing the previous set),
    if the tender is still at `expected_version` (StaleTenderError): the set belongs to
    the tender. Every action must belong to a plan of the tender's organisation."""
    chosen = list(actions)
    foreign = plan_selectors.actions_outside_organisation(
        action_ids=[a.pk for a in chosen], organisation_id=tender.organisation_id
    )
    if foreign.exists():
        raise ValidationError(
            {"actions": _("An action of another organisation cannot be linked to this tender.")}
        )
    locked_update(tender, expected_version=expected_version, values={}, stale=StaleTenderError)
    tender.actions.set(chosen)
    return chosen
