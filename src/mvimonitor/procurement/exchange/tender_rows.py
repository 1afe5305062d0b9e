"""Reading a tender sheet's rows and writing each through the tender services
(procurement.services.tenders): create, or change what differs; a new phase appends a
history row. A value equal to what is stored is no change, so an exported file read
back writes nothing. A missing column leaves its field alone; an empty cell clears it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mvimonitor.exchange.columns import HeaderMap
from mvimonitor.exchange.rows import unique_index
from mvimonitor.exchange.values import cell_text, key, parse_date, parse_text
from mvimonitor.kernel.texts import max_length_of, text_problem
from mvimonitor.procurement.exchange import selectors
from mvimonitor.procurement.exchange.columns import TENDER_REQUIRED, TenderField
from mvimonitor.procurement.exchange.common import (
    Outcome,
    ParsedRow,
    RowParser,
    same_text,
)
from mvimonitor.procurement.exchange.links import (
    ThemeApplied,
    parse_actions,
    parse_themes_applied,
)
from mvimonitor.procurement.exchange.values import (
    parse_amount,
    parse_cpv_codes,
    parse_phase,
    parse_procedure,
)
from mvimonitor.procurement.models import Tender, TenderPhaseChange
from mvimonitor.procurement.phases import Phase
from mvimonitor.procurement.services import tenders as services
from mvimonitor.utils.dates import today

if TYPE_CHECKING:
    from mvimonitor.accounts.models import User
    from mvimonitor.organisations.models import Organisation
    from mvimonitor.plans.models import Action, Theme

T = TenderField
_DATES = (T.PLANNED_PUBLICATION, T.PLANNED_START, T.PHASE_SINCE, T.REGISTERED_ON)
_STRIPPED = (T.REFERENCE, T.TITLE, T.DEPARTMENT)
#: The text columns, and the longest text each takes (the field it fills).
TEXTS = {
    T.REFERENCE: max_length_of(Tender, "reference"),
    T.TITLE: max_length_of(Tender, "title"),
    T.DESCRIPTION: max_length_of(Tender, "description"),
    T.DEPARTMENT: max_length_of(Tender, "department"),
    T.NOTE: max_length_of(TenderPhaseChange, "note"),
}
#: Columns that are plain fields of a tender, under the field's own name.
PLAIN_FIELDS = (
    T.REFERENCE,
    T.TITLE,
    T.DESCRIPTION,
    T.CPV_CODES,
    T.ESTIMATED_VALUE,
    T.PROCEDURE,
    T.PLANNED_PUBLICATION,
    T.PLANNED_START,
    T.DEPARTMENT,
    T.REGISTERED_ON,
)
#: Where a refusal by the tender services points to in the sheet.
COLUMN_OF_FIELD: dict[str, TenderField] = {
    **{f.value: f for f in PLAIN_FIELDS},
    "buyer": T.BUYER,
    "buyer_name": T.BUYER,
    "phase": T.PHASE,
    "to_phase": T.PHASE,
    "effective_on": T.PHASE_SINCE,
    "theme": T.THEMES,
    "as_suitability": T.THEMES,
    "ambition_level": T.THEMES,
    "actions": T.ACTIONS,
}


@dataclass(frozen=True)
class BuyerValue:
    text: str  # as written; "" clears the buyer
    member: User | None  # the colleague it names, if any


@dataclass
class TenderLookups:
    """Everything a tender row is checked against, read once per import."""

    tenders: dict[str, Tender]  # by reference, without case
    themes: dict[str, Theme | None]
    members: dict[str, User | None]
    actions_by_code: dict[str, list[Action]]
    actions_by_plan: dict[tuple[str, str], Action]

    @classmethod
    def build(cls, *, organisation: Organisation, tenders: list[Tender]) -> TenderLookups:
        themes = list(selectors.organisation_themes(organisation=organisation))
        members = list(selectors.organisation_colleagues(organisation=organisation))
        by_code: dict[str, list[Action]] = {}
        by_plan: dict[tuple[str, str], Action] = {}
        for action in selectors.organisation_actions(organisation=organisation):
            by_code.setdefault(action.code.casefold(), []).append(action)
            by_plan[(action.plan.slug.casefold(), action.code.casefold())] = action
        return cls(
            tenders={t.reference.casefold(): t for t in tenders},
            themes=unique_index(
                [(t.code, t) for t in themes]
                + [(n, t) for t in themes for n in (t.name, t.name_en)]
            ),
            members=unique_index(
                [(u.email, u) for u in members] + [(u.full_name, u) for u in members]
            ),
            actions_by_code=by_code,
            actions_by_plan=by_plan,
        )


class TenderRowParser(RowParser[TenderField]):
    required = TENDER_REQUIRED
    reference = T.REFERENCE

    def __init__(self, headers: HeaderMap[TenderField], lookups: TenderLookups) -> None:
        super().__init__(headers)
        self.lookups = lookups

    def value(self, name: TenderField, cell: Any) -> Any:
        if name in _DATES:
            return parse_date(cell)
        readers = {
            T.CPV_CODES: parse_cpv_codes,
            T.ESTIMATED_VALUE: parse_amount,
            T.PROCEDURE: parse_procedure,
            T.PHASE: parse_phase,
            T.THEMES: lambda c: parse_themes_applied(c, self.lookups.themes),
            T.ACTIONS: lambda c: parse_actions(
                c, by_code=self.lookups.actions_by_code, by_plan=self.lookups.actions_by_plan
            ),
            T.BUYER: self._buyer,
        }
        if name in readers:
            return readers[name](cell)
        return parse_text(cell, max_length=TEXTS[name], strip=name in _STRIPPED)

    def _buyer(self, cell: Any) -> BuyerValue:
        text = cell_text(cell).strip()
        k = key(text)
        if text and k in self.lookups.members and self.lookups.members[k] is None:
            raise ValueError(
                _("More than one member is called “%(value)s”; write their e-mail address.")
                % {"value": text}
            )
        member = self.lookups.members.get(k) if text else None
        if member is None and text:
            # A name without an account is stored as the buyer's name.
            problem = text_problem(text, max_length=max_length_of(Tender, "buyer_name"))
            if problem:
                raise ValueError(problem)
        return BuyerValue(text=text, member=member)


def apply_tender_row(
    *,
    organisation: Organisation,
    row: ParsedRow[TenderField],
    lookups: TenderLookups,
    by: User | None,
) -> Outcome:
    tender = lookups.tenders.get(row.reference.casefold())
    if tender is None:
        tender = _create(organisation=organisation, row=row, by=by)
        _set_themes(tender=tender, row=row, by=by)
        if row.values.get(T.ACTIONS):
            services.tender_link_actions(tender=tender, actions=row.values[T.ACTIONS], by=by)
        return Outcome(created=True)
    updated = _update(tender=tender, row=row, by=by)
    updated = _set_themes(tender=tender, row=row, by=by) or updated
    updated = _set_actions(tender=tender, row=row, by=by) or updated
    changed = _change_phase(tender=tender, row=row, by=by)
    return Outcome(updated=updated, phase_changed=changed)


def _buyer_fields(buyer: BuyerValue) -> dict[str, Any]:
    return {"buyer": buyer.member, "buyer_name": "" if buyer.member else buyer.text}


def _create(*, organisation: Organisation, row: ParsedRow[TenderField], by: User | None) -> Tender:
    values = row.values
    fields = {
        name.value: values[name]
        for name in PLAIN_FIELDS
        if name in values and name not in (T.REFERENCE, T.TITLE, T.REGISTERED_ON)
    }
    if T.BUYER in values:
        fields.update(_buyer_fields(values[T.BUYER]))
    # The first history row is dated on the registration: the date given, else the
    # phase's date, else today.
    registered_on = values.get(T.REGISTERED_ON) or values.get(T.PHASE_SINCE) or today()
    return services.tender_create(
        organisation=organisation,
        by=by,
        reference=row.reference,
        title=values[T.TITLE],
        phase=values.get(T.PHASE) or Phase.PREPARATION,
        registered_on=registered_on,
        **fields,
    )


def _same(name: TenderField, current: Any, new: Any) -> bool:
    if isinstance(current, str):
        return same_text(current.strip() if name in _STRIPPED else current, new)
    return bool(current == new)


def _update(*, tender: Tender, row: ParsedRow[TenderField], by: User | None) -> bool:
    values = row.values
    if T.REGISTERED_ON in values and values[T.REGISTERED_ON] is None:
        raise ValidationError(
            {
                "registered_on": _(
                    "Every tender has the date it was registered; this cell cannot be empty."
                )
            }
        )
    changes = {
        name.value: values[name]
        for name in PLAIN_FIELDS
        if name in values and not _same(name, getattr(tender, name.value), values[name])
    }
    if T.BUYER in values and not _same_buyer(tender, values[T.BUYER]):
        changes.update(_buyer_fields(values[T.BUYER]))
    if not changes:
        return False
    services.tender_update(tender=tender, by=by, version=tender.version, **changes)
    return True


def _same_buyer(tender: Tender, buyer: BuyerValue) -> bool:
    if tender.buyer is not None:
        return bool(buyer.text) and key(buyer.text) in (
            key(tender.buyer.email),
            key(tender.buyer.full_name),
        )
    # A free-text name stays one, also when a colleague has that name now.
    return same_text(tender.buyer_name.strip(), buyer.text)


def _set_themes(*, tender: Tender, row: ParsedRow[TenderField], by: User | None) -> bool:
    """Make the themes applied what the cell says; criteria IDs and notes of themes
    that stay are kept (the file does not hold them)."""
    if T.THEMES not in row.values:
        return False
    wanted: list[ThemeApplied] = row.values[T.THEMES]
    current = {a.theme_id: a for a in tender.applied_themes.all()}
    changed = False
    for item in wanted:
        existing = current.pop(item.theme.pk, None)
        if existing is not None and ThemeApplied.of(existing) == item:
            continue
        services.applied_theme_save(
            tender=tender,
            theme=item.theme,
            by=by,
            ambition_level=item.ambition_level,
            criteria_ids=existing.criteria_ids if existing else "",
            note=existing.note if existing else "",
            **dict.fromkeys(item.instruments, True),
        )
        changed = True
    for gone in current.values():
        services.applied_theme_remove(tender=tender, theme=gone.theme, by=by)
        changed = True
    return changed


def _set_actions(*, tender: Tender, row: ParsedRow[TenderField], by: User | None) -> bool:
    if T.ACTIONS not in row.values:
        return False
    wanted: list[Action] = row.values[T.ACTIONS]
    if {a.pk for a in wanted} == {a.pk for a in tender.actions.all()}:
        return False
    services.tender_link_actions(tender=tender, actions=wanted, by=by)
    return True


def _change_phase(*, tender: Tender, row: ParsedRow[TenderField], by: User | None) -> bool:
    if T.PHASE not in row.values:
        return False
    target: Phase | None = row.values[T.PHASE]
    if target is None:
        raise ValidationError(
            {"phase": _("Every tender is in a phase; this cell cannot be empty.")}
        )
    if target == tender.phase:
        return False
    services.tender_change_phase(
        tender=tender,
        to_phase=target,
        effective_on=row.values.get(T.PHASE_SINCE) or today(),
        by=by,
        version=tender.version,
        note=row.values.get(T.NOTE, ""),
    )
    return True
