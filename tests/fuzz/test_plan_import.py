"""The plan import (exchange.services.plan_import) given any workbook: problems or a
result, never an exception, and all rows saved or none (tests/fuzz/properties.py)."""

from datetime import date

import pytest
from django.db import transaction
from django.db.models import Q
from hypothesis import given
from hypothesis import strategies as st

from mvimonitor.accounts.models import User
from mvimonitor.exchange.columns import COLUMNS, REQUIRED, Field
from mvimonitor.exchange.values import STATUS_DUTCH, STATUS_ENGLISH
from mvimonitor.plans.models import Action, Theme
from tests.exchange.conftest import run_import
from tests.fuzz.cells import around, date_cells, short_texts, spelled, texts
from tests.fuzz.conftest import FUZZ, MAX_ROWS
from tests.fuzz.properties import assert_all_or_nothing
from tests.fuzz.sheets import ColumnModel, column_models, header_names, sometimes, workbooks
from tests.fuzz.vocabulary import TITLES

pytestmark = pytest.mark.usefixtures("frozen_today")

NEW_CODES = st.one_of(
    st.sampled_from(["n1", " N3 ", "A1 "]), st.integers(1, 9999).map("N{}".format)
)


def plan_columns(world) -> list[ColumnModel]:
    plan = world.plan
    themes = Theme.objects.filter(Q(organisation=None) | Q(organisation=plan.organisation))
    theme_words = [w for t in themes for w in (t.code, t.name) if w]
    members = User.objects.filter(memberships__organisation=plan.organisation)
    owners = [w for u in members for w in (u.email, u.full_name) if w]
    statuses = (
        [str(s) for s in STATUS_DUTCH] + list(STATUS_DUTCH.values()) + list(STATUS_ENGLISH.values())
    )
    codes = list(plan.actions.values_list("code", flat=True))
    days = date_cells(around(date(2016, 12, 1), date(2017, 10, 1)))
    values = {
        Field.CODE: st.one_of(st.sampled_from(codes), NEW_CODES),
        Field.TITLE: TITLES,
        Field.DESCRIPTION: sometimes(texts),
        Field.PERIOD: spelled(list(plan.periods.values_list("name", flat=True))),
        Field.THEMES: sometimes(st.lists(st.sampled_from(theme_words), max_size=3).map("; ".join)),
        Field.STATUS: spelled(statuses),
        Field.STATUS_SINCE: sometimes(days),
        Field.OWNER: sometimes(st.one_of(st.sampled_from(owners), short_texts)),
        Field.DEPARTMENT: sometimes(short_texts),
        Field.START_DATE: sometimes(days),
        Field.DUE_DATE: sometimes(days),
        Field.IS_CONTINUOUS: sometimes(st.sampled_from(["nee", "Ja", True, False, "x", 1, 0])),
        Field.RESULT: sometimes(texts),
        Field.ADDED_ON: sometimes(days),
        Field.NOTE: sometimes(texts),
    }
    return column_models(COLUMNS, REQUIRED, values, reference=Field.CODE)


@FUZZ
@given(data=st.data())
def test_the_plan_import_saves_every_row_of_any_workbook_or_none(world, data):
    drawn = data.draw(workbooks(plan_columns(world), max_rows=MAX_ROWS))
    by = data.draw(st.sampled_from([world.coordinator, world.editor]))

    def run(content: bytes, filename: str):
        return run_import(
            world.plan, content, by=by, coordinator=by == world.coordinator, filename=filename
        )

    with transaction.atomic():
        assert_all_or_nothing(
            run,
            drawn,
            reference=Field.CODE,
            title=Field.TITLE,
            find=lambda code: Action.objects.filter(plan=world.plan, code=code).first(),
            defaulted=header_names(COLUMNS, Field.ADDED_ON),
        )
        transaction.set_rollback(True)
