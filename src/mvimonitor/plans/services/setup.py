"""Writes to how a plan is set up: the plan's own fields, its periods, its themes with
their ambition level, and the organisation's own themes (reference data kept in the app).

Every function runs in one transaction: all or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mvimonitor.kernel.locking import StaleRecordError, field_values, locked_update
from mvimonitor.kernel.texts import max_length_of, text_problem
from mvimonitor.plans.models import ActionPlan, Period, PlanTheme, Theme
from mvimonitor.plans.selectors import themes_for_organisation

if TYPE_CHECKING:
    from mvimonitor.organisations.models import Organisation

#: Plan slugs that would hide a page of the plans section (see plans/urls.py).
RESERVED_PLAN_SLUGS = frozenset({"new", "themes"})
_SLUG_MAX_LENGTH = ActionPlan._meta.get_field("slug").max_length or 60
_SLUG_SEPARATORS = re.compile("[\u2013\u2014/]")  # en dash, em dash, slash

#: Fields of a plan that plan_update may change.
PLAN_FIELDS = (
    "name",
    "slug",
    "description",
    "adopted_on",
    "starts_on",
    "ends_on",
    "planning_window_months",
)


class StalePlanError(StaleRecordError):
    """Someone else saved the plan, its periods or its themes since they were read: one
    lock for what the plan's setup pages edit (optimistic lock)."""

    record = gettext_lazy("this plan")


class StaleThemeError(StaleRecordError):
    record = gettext_lazy("this theme")


def slug_from_name(name: str) -> str:
    """A plan's name as a short name, as static/js/slug.js makes it while the user types:
    Django's slugify, with a dash or a slash first made a hyphen ("2021 en dash 2024" gives
    "2021-2024", not "20212024"), cut to the field's length."""
    return slugify(_SLUG_SEPARATORS.sub("-", name))[:_SLUG_MAX_LENGTH].strip("-_")


def plan_slug_suggest(*, organisation: Organisation, name: str) -> str:
    """The short name a plan called `name` gets when none is given (slug_from_name),
    made unique within the organisation with "-2", "-3", ... and never a reserved one."""
    base = slug_from_name(name) or "plan"
    taken = RESERVED_PLAN_SLUGS | set(
        ActionPlan.objects.filter(organisation=organisation).values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = base[: _SLUG_MAX_LENGTH - len(suffix)].rstrip("-_") + suffix
    return slug


def plan_slug_check(
    *, organisation: Organisation, slug: str, plan: ActionPlan | None = None
) -> None:
    """Refuse a short name that is reserved or that another plan of the organisation has
    (ValidationError on "slug", naming a free one); `plan` is the plan being edited."""
    if slug in RESERVED_PLAN_SLUGS:
        raise ValidationError({"slug": _("This short name is reserved; choose another one.")})
    others = ActionPlan.objects.filter(organisation=organisation, slug=slug)
    if plan is not None:
        others = others.exclude(pk=plan.pk)
    if others.exists():
        free = plan_slug_suggest(organisation=organisation, name=slug)
        message = _("Another plan already has this short name; “%(free)s” is still free.")
        raise ValidationError({"slug": message % {"free": free}})


@transaction.atomic
def plan_create(
    *,
    organisation: Organisation,
    name: str,
    slug: str = "",
    adopted_on: date,
    starts_on: date,
    ends_on: date,
    description: str = "",
    planning_window_months: int = 2,
    period_names: Sequence[str] = (),
    themes: Iterable[Theme] = (),
) -> ActionPlan:
    """A new plan; without a short name (`slug`) it gets one made from its name."""
    slug = slug.strip()
    if slug:
        plan_slug_check(organisation=organisation, slug=slug)
    else:
        slug = plan_slug_suggest(organisation=organisation, name=name)
    plan = ActionPlan(
        organisation=organisation,
        name=name,
        slug=slug,
        description=description,
        adopted_on=adopted_on,
        starts_on=starts_on,
        ends_on=ends_on,
        planning_window_months=planning_window_months,
    )
    plan.full_clean()
    plan.save()
    for position, period_name in enumerate(period_names):
        period_create(plan=plan, name=period_name, position=position)
    PlanTheme.objects.bulk_create(PlanTheme(plan=plan, theme=theme) for theme in themes)
    return plan


@transaction.atomic
def period_create(*, plan: ActionPlan, name: str, position: int | None = None) -> Period:
    if position is None:
        position = plan.periods.count()
    period = Period(plan=plan, name=name.strip(), position=position)
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def plan_update(*, plan: ActionPlan, expected_version: int | None, **changes: Any) -> ActionPlan:
    """Change the plan's fields if it is still at `expected_version` (StalePlanError)."""
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown plan fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(plan, name, value)
    plan.full_clean()
    locked_update(
        plan,
        expected_version=expected_version,
        values=field_values(plan, changes),
        stale=StalePlanError,
    )
    return plan


@transaction.atomic
def periods_update(
    *,
    plan: ActionPlan,
    names_and_positions: Mapping[int, tuple[str, int]],
    expected_version: int | None,
) -> None:
    """Rename and reorder the plan's periods at once ({period id: (name, position)}),
    if the plan is still at `expected_version` (StalePlanError): the page showed them
    all, so the plan's version locks them as one. All names are checked before
    anything is saved."""
    locked_update(plan, expected_version=expected_version, values={}, stale=StalePlanError)
    periods = {p.pk: p for p in plan.periods.all()}
    if set(names_and_positions) - set(periods):
        raise ValidationError(_("This period belongs to another plan."))
    wanted = {pk: name.strip() for pk, (name, _position) in names_and_positions.items()}
    if any(not name for name in wanted.values()):
        raise ValidationError(_("Every period needs a name."))
    final_names = [wanted.get(pk, p.name).casefold() for pk, p in periods.items()]
    if len(final_names) != len(set(final_names)):
        raise ValidationError(_("Two periods of a plan cannot have the same name."))
    current = {p.name.casefold(): pk for pk, p in periods.items()}
    # Each row is saved on its own, so a name may not move to another period in one go.
    if any(current.get(name.casefold(), pk) != pk for pk, name in wanted.items()):
        raise ValidationError(
            _("A period cannot take the name another period has now; change the order instead.")
        )
    for pk, (_name, position) in names_and_positions.items():
        period = periods[pk]
        if (period.name, period.position) != (wanted[pk], position):
            period.name, period.position = wanted[pk], position
            period.save(update_fields=["name", "position"])


@transaction.atomic
def plan_themes_set(
    *,
    plan: ActionPlan,
    ambitions: Mapping[Theme, int | None],
    expected_version: int | None = None,
) -> None:
    """Make `ambitions` ({theme: ambition level or None}) the plan's themes: themes not
    in it are taken off the plan, the others are added or get their new level. The
    plan's version locks the set as the page showed it (StalePlanError); None when no
    page was loaded (a new plan, a copy)."""
    locked_update(plan, expected_version=expected_version, values={}, stale=StalePlanError)
    allowed = set(themes_for_organisation(organisation=plan.organisation))
    if set(ambitions) - allowed:
        raise ValidationError(_("This theme belongs to another organisation."))
    if any(level not in (None, 1, 2, 3) for level in ambitions.values()):
        raise ValidationError(_("The ambition level is 1, 2 or 3."))
    existing = {pt.theme_id: pt for pt in plan.plan_themes.all()}
    for theme_id, plan_theme in existing.items():
        if theme_id not in {t.pk for t in ambitions}:
            plan_theme.delete()
    for theme, level in ambitions.items():
        plan_theme = existing.get(theme.pk) or PlanTheme(plan=plan, theme=theme)
        if plan_theme.pk is None or plan_theme.ambition_level != level:
            plan_theme.ambition_level = level
            plan_theme.save()


def _check_theme_name(organisation: Organisation, name: str, *, exclude: Theme | None) -> None:
    themes = themes_for_organisation(organisation=organisation)
    if exclude is not None:
        themes = themes.exclude(pk=exclude.pk)
    if themes.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("There already is a theme with this name.")})


@transaction.atomic
def theme_create(*, organisation: Organisation, name: str, name_en: str = "") -> Theme:
    """Add a theme of the organisation's own next to the national code list."""
    name = name.strip()
    _check_theme_name(organisation, name, exclude=None)
    base = slugify(name)[:50] or "thema"
    code, n = base, 1
    while Theme.objects.filter(organisation=organisation, code=code).exists():
        n += 1
        code = f"{base}-{n}"
    theme = Theme(
        organisation=organisation,
        code=code,
        name=name,
        name_en=name_en.strip() or name,
        position=100 + organisation.themes.count(),
    )
    theme.full_clean()
    theme.save()
    return theme


@transaction.atomic
def theme_update(
    *, theme: Theme, name: str, name_en: str = "", expected_version: int | None
) -> Theme:
    """Rename one of the organisation's own themes, if it is still at
    `expected_version` (StaleThemeError); the national ones are not editable."""
    if theme.organisation is None:
        raise ValidationError(_("The national themes cannot be changed here."))
    name = name.strip()
    _check_theme_name(theme.organisation, name, exclude=theme)
    theme.name, theme.name_en = name, name_en.strip() or name
    theme.full_clean()
    locked_update(
        theme,
        expected_version=expected_version,
        values=field_values(theme, ["name", "name_en"]),
        stale=StaleThemeError,
    )
    return theme


def period_names_clean(lines: Sequence[str]) -> list[str]:
    """Period names from user input: trimmed, blanks dropped, duplicates and names
    longer than a period's name may be refused."""
    names = [line.strip() for line in lines if line.strip()]
    if len({n.casefold() for n in names}) != len(names):
        raise ValidationError(_("Two periods of a plan cannot have the same name."))
    maximum = max_length_of(Period, "name")
    for name in names:
        problem = text_problem(name, max_length=maximum)
        if problem:
            raise ValidationError(
                [_("The name of a period is too long: “%(name)s…”.") % {"name": name[:40]}, problem]
            )
    return names


def plan_lock(*, plan_id: int) -> ActionPlan:
    """The plan, its row locked until the transaction ends: a write that must happen
    one at a time per plan (opening an update round) takes it first. Call it inside a
    transaction."""
    return ActionPlan.objects.select_for_update().get(pk=plan_id)
