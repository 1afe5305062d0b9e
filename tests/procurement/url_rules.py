"""Access rules of the tender register's pages, for tests/test_url_access.py."""

from mvimonitor.plans.models import Theme
from tests.procurement.factories import AppliedThemeFactory, TenderFactory
from tests.test_url_access import Rule, org


def _tender(o) -> dict:
    return {**org(o), "pk": o.extra["tender_id"]}


def _foreign_tender(o) -> dict:
    return {**org(o), "pk": o.extra["other_tender_id"]}


def _theme(o) -> dict:
    return {**_tender(o), "theme_pk": o.extra["applied_theme_id"]}


def _foreign_theme(o) -> dict:
    return {**_foreign_tender(o), "theme_pk": o.extra["applied_theme_id"]}


RULES: dict[str, Rule] = {
    "procurement:tender_list": Rule("read", org),
    "procurement:tender_create": Rule("edit", org),
    "procurement:tender_detail": Rule("read", _tender, _foreign_tender),
    "procurement:tender_edit": Rule("edit", _tender, _foreign_tender),
    "procurement:tender_phase": Rule("edit", _tender, _foreign_tender),
    "procurement:tender_theme": Rule("edit", _tender, _foreign_tender),
    "procurement:tender_theme_remove": Rule("edit", _theme, _foreign_theme, methods=("post",)),
    "procurement:tender_actions": Rule("edit", _tender, _foreign_tender),
}


def objects(world) -> dict:
    theme = Theme.objects.get(organisation=None, code="klimaat")
    mine = TenderFactory(organisation=world.helmond, reference="URL-1")
    theirs = TenderFactory(organisation=world.other, reference="URL-1")
    AppliedThemeFactory(tender=mine, theme=theme)
    AppliedThemeFactory(tender=theirs, theme=theme)
    return {"tender_id": mine.pk, "other_tender_id": theirs.pk, "applied_theme_id": theme.pk}
