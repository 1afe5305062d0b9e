"""The tender import (procurement.exchange.services.tenders_import) given any workbook:
problems or a result, never an exception, and all rows saved or none
(tests/fuzz/properties.py)."""

from datetime import date

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from mvimonitor.audit.context import acting_as
from mvimonitor.procurement.exchange.columns import TENDER_COLUMNS, TENDER_REQUIRED, TenderField
from mvimonitor.procurement.exchange.links import INSTRUMENT_DUTCH
from mvimonitor.procurement.exchange.services import tenders_import
from mvimonitor.procurement.exchange.values import PHASE_DUTCH, PROCEDURE_DUTCH
from mvimonitor.procurement.models import Tender
from tests.fuzz.cells import short_texts, spelled, texts
from tests.fuzz.conftest import FUZZ, MAX_ROWS
from tests.fuzz.properties import assert_all_or_nothing
from tests.fuzz.sheets import ColumnModel, column_models, header_names, sometimes, workbooks
from tests.fuzz.vocabulary import AMOUNTS, TITLES, days, members, theme_words

pytestmark = pytest.mark.usefixtures("frozen_today", "register")

T = TenderField
CPV_CODES = ["77310000-6", "03000000-1", "45000000-7", "45233140-2", "77310000-5", "4500"]
NEW_REFERENCES = st.integers(1, 9999).map("AB-NEW-{}".format)


@st.composite
def themes_applied(draw: st.DrawFn, words: list[str]) -> str:
    """ "klimaat (niveau 2): eis, gunningscriterium; circulair: eis"."""
    parts = []
    for theme in draw(st.lists(st.sampled_from(words), max_size=3)):
        level = draw(
            st.sampled_from(["", " (niveau 1)", " (niveau 3)", " (level 2)", " (niveau 4)"])
        )
        how = draw(
            st.lists(st.sampled_from(list(INSTRUMENT_DUTCH.values())), min_size=1, max_size=3)
        )
        parts.append(f"{theme}{level}: {', '.join(how)}")
    return "; ".join(parts)


def tender_columns(world) -> list[ColumnModel]:
    organisation = world.helmond
    references = list(
        Tender.objects.filter(organisation=organisation).values_list("reference", flat=True)
    )
    codes = list(world.plan.actions.values_list("code", flat=True))
    actions = st.lists(
        st.sampled_from(codes + [f"{world.plan.slug}:{c}" for c in codes] + ["X1", "Z9"]),
        max_size=3,
    ).map(", ".join)
    values = {
        T.REFERENCE: st.one_of(st.sampled_from(references), spelled(references), NEW_REFERENCES),
        T.TITLE: TITLES,
        T.DESCRIPTION: sometimes(texts),
        T.CPV_CODES: sometimes(st.lists(st.sampled_from(CPV_CODES), max_size=3).map(", ".join)),
        T.ESTIMATED_VALUE: sometimes(AMOUNTS),
        T.PROCEDURE: sometimes(spelled(list(PROCEDURE_DUTCH.values()))),
        T.PLANNED_PUBLICATION: sometimes(days(date(2017, 6, 1), date(2018, 6, 1))),
        T.PLANNED_START: sometimes(days(date(2018, 1, 1), date(2019, 1, 1))),
        T.PHASE: sometimes(spelled(list(PHASE_DUTCH.values()))),
        T.PHASE_SINCE: sometimes(days(date(2017, 1, 1), date(2017, 10, 1))),
        T.BUYER: sometimes(st.one_of(st.sampled_from(members(organisation)), short_texts)),
        T.DEPARTMENT: sometimes(short_texts),
        T.REGISTERED_ON: sometimes(days(date(2016, 6, 1), date(2017, 9, 20))),
        T.THEMES: sometimes(themes_applied(theme_words(organisation))),
        T.ACTIONS: sometimes(actions),
        T.NOTE: sometimes(texts),
    }
    return column_models(TENDER_COLUMNS, TENDER_REQUIRED, values, reference=T.REFERENCE)


@FUZZ
@given(data=st.data())
def test_the_tender_import_saves_every_row_of_any_workbook_or_none(world, data):
    drawn = data.draw(workbooks(tender_columns(world), max_rows=MAX_ROWS))

    def run(content: bytes, filename: str):
        with acting_as(world.coordinator, label="fuzz"):
            return tenders_import(
                organisation=world.helmond, data=content, filename=filename, by=world.coordinator
            )

    def find(reference: str) -> Tender | None:
        return Tender.objects.filter(
            organisation=world.helmond, reference__iexact=reference
        ).first()

    with transaction.atomic():
        assert_all_or_nothing(
            run,
            drawn,
            reference=T.REFERENCE,
            title=T.TITLE,
            find=find,
            defaulted=header_names(TENDER_COLUMNS, T.REGISTERED_ON, T.PHASE),
        )
        transaction.set_rollback(True)
