"""A large import saves in batches, and saves exactly what saving it row by row did
(issue 12, item 2): the same actions, history rows, theme links and audit entries, the
same problems for a file with errors, all rows or none. The oracle is the row-by-row
import of before (tests/exchange/row_by_row.py); the time itself is measured by
`make bench`, not here."""

import json
from datetime import date
from typing import Any

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mvimonitor.audit.context import acting_as
from mvimonitor.audit.models import AuditEntry
from mvimonitor.exchange.services import plan_import
from mvimonitor.plans.models import Action, Period, StatusChange, Theme
from mvimonitor.plans.workflow import Status
from tests.exchange.conftest import run_import, xlsx
from tests.exchange.row_by_row import import_row_by_row
from tests.factories import ActionFactory

pytestmark = pytest.mark.usefixtures("frozen_today")

HEADERS = [
    "Code",
    "Titel",
    "Omschrijving",
    "Periode",
    "Thema's",
    "Status",
    "Status sinds",
    "Eigenaar",
    "Afdeling",
    "Startdatum",
    "Einddatum",
    "Doorlopend",
    "Resultaat",
    "Toegevoegd op",
    "Toelichting",
]
START, ONGOING = "Aan de slag in 2017", "Actie doorlopend"
TIMES = ("created_at", "updated_at", "recorded_at")


def existing(world, code: str, **fields) -> Action:
    period = Period.objects.get(plan=world.plan, name=START)
    themes = Theme.objects.filter(code__in=fields.pop("themes", []))
    return ActionFactory(period=period, code=code, title=f"Actie {code}", themes=themes, **fields)


def row(code: str, title: str, **cells: Any) -> list[Any]:
    """A row of HEADERS: an action as the test world holds it unless `cells` say
    otherwise (by header, spaces as underscores: Status_sinds=...)."""
    values = {"Code": code, "Titel": title, "Periode": START, "Status": "niet gestart"}
    values["Doorlopend"] = "nee"
    values["Toegevoegd op"] = date(2017, 4, 1)
    values.update({_header(name): value for name, value in cells.items()})
    return [values.get(header) for header in HEADERS]


def _header(name: str) -> str:
    return "Thema's" if name == "Thema_s" else name.replace("_", " ")


def last_audit() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def mixed_world(world) -> None:
    existing(world, "E1", status=Status.RUNNING, themes=["klimaat", "isv"], owner=world.editor)
    existing(world, "E2", status=Status.COMPLETED)
    existing(world, "E3")
    existing(world, "E4", owner_name="Jan Janssen")
    existing(world, "E5", status=Status.POSTPONED)
    existing(world, "E6", description="Oud")


def mixed_rows(world) -> list[list[Any]]:
    """New actions and changed ones of every kind, and one left as it is."""
    return [
        HEADERS,
        row(
            "E1",
            "Actie E1 herzien",
            Thema_s="klimaat",
            Status="voltooid",
            Status_sinds=date(2017, 9, 1),
            Eigenaar=world.editor.email,
        ),
        row("E2", "Actie E2", Status="lopend", Toelichting="Weer opgepakt"),
        row("E3", "Actie E3"),
        row("E4", "Actie E4", Eigenaar=world.owner.email, Afdeling="Inkoop"),
        row("E5", "Actie E5", Status="uitgesteld", Toegevoegd_op=date(2017, 3, 1)),
        row("E6", "Actie E6", Omschrijving="Nieuw", Status="lopend"),
        row(
            "N1",
            "Circulaire meubels",
            Omschrijving="Hergebruik\nvan meubilair",
            Thema_s="Klimaat; Social return",
            Status="lopend",
            Status_sinds=date(2017, 7, 1),
            Eigenaar=world.editor.email,
            Afdeling="Facilitair",
            Startdatum=date(2017, 6, 1),
            Einddatum=date(2018, 6, 1),
            Resultaat="Twee aanbestedingen",
            Toegevoegd_op=date(2017, 6, 1),
        ),
        row(
            "N2",
            "'=Formule als tekst",
            Periode=ONGOING,
            Doorlopend="ja",
            Eigenaar="Piet de Vries",
            Toegevoegd_op=None,
        ),
        row("N3", "Klaar", Status="voltooid", Status_sinds=date(2017, 9, 20), Thema_s="isv"),
        row("N4", "Vervallen", Status="vervallen", Eigenaar=world.coordinator.email),
    ]


def refused_rows(world) -> list[list[Any]]:
    """Rows the parser accepts and plans' services refuse, one of each kind, a row the
    parser refuses, and a good change."""
    return [
        HEADERS,
        row("E1", "Actie E1", Status="voltooid", Status_sinds=date(2017, 3, 1)),
        row("E2", "Actie E2", Status="lopend"),
        row("N5", "T" * 301),
        row("E5", "Actie E5", Status="uitgesteld", Toegevoegd_op=date(2017, 5, 1)),
        row("N6", "Later", Status="lopend", Status_sinds=date(2017, 9, 21)),
        row("N7", "Onbekende periode", Periode="?"),
        row("E6", "Actie E6", Omschrijving="Nieuw"),
    ]


def state(plan, audit_after: int) -> dict[str, list[Any]]:
    """The plan's actions, theme links and history, and the audit entries after
    `audit_after`, without database ids and clock times: what two imports of the same
    file must leave alike."""
    actions = list(Action.objects.filter(plan=plan).order_by("code").values())
    code_of = {a["id"]: a["code"] for a in actions}
    changes = StatusChange.objects.filter(action__plan=plan)
    change_of = {
        c.pk: f"{code_of[c.action_id]} {c.from_status}->{c.to_status} {c.effective_on}"
        for c in changes
    }
    links = Action.themes.through.objects.filter(action__plan=plan)
    return {
        "actions": [{k: v for k, v in a.items() if k not in ("id", *TIMES)} for a in actions],
        "themes": sorted((code_of[a], t) for a, t in links.values_list("action_id", "theme_id")),
        "history": sorted(
            repr((code_of[c.action_id], c.from_status, c.to_status, c.effective_on, c.note))
            + repr(c.recorded_by_id)
            for c in changes
        ),
        # The import's record (for undoing it) is an entry the row-by-row oracle
        # does not write; tests/exchange/test_undo.py checks it.
        "audit": sorted(
            _entry(entry, code_of, change_of)
            for entry in AuditEntry.objects.filter(pk__gt=audit_after).exclude(
                model="exchange.PlanImportRecord"
            )
        ),
    }


def _entry(entry: AuditEntry, code_of: dict[int, str], change_of: dict[int, str]) -> str:
    pk = int(entry.object_id)
    name = {"plans.Action": code_of, "plans.StatusChange": change_of}[entry.model][pk]
    changes = dict(entry.changes)
    for key in TIMES:
        if key in changes:
            changes[key] = [None if v is None else "<time>" for v in changes[key]]
    if "action_id" in changes:
        changes["action_id"] = [code_of.get(v) for v in changes["action_id"]]
    described = entry.object_repr.replace(str(pk), name, 1)
    if entry.model == "plans.StatusChange":
        described = name
    who = [entry.actor_id, entry.actor_label, entry.organisation_id]
    return json.dumps(
        [*who, entry.operation, entry.model, name, described, changes],
        sort_keys=True,
        default=str,
    )


def both_ways(world, rows) -> tuple[Any, Any, dict, dict]:
    """Import `rows` row by row (then roll that back) and as the product does."""
    data = xlsx(rows)
    mark = last_audit()
    with transaction.atomic():
        with acting_as(world.editor, label="test import"):
            oracle = import_row_by_row(plan=world.plan, data=data, by=world.editor)
        expected = state(world.plan, mark)
        transaction.set_rollback(True)
    result = run_import(world.plan, data, by=world.editor)
    return oracle, result, expected, state(world.plan, mark)


def test_the_import_saves_exactly_what_saving_row_by_row_saved(world):
    mixed_world(world)
    oracle, result, expected, actual = both_ways(world, mixed_rows(world))
    assert oracle.ok and result.ok
    assert (
        result.summary()
        == oracle.summary()
        == {
            "rows": 10,
            "created": 4,
            "updated": 4,
            "status_changes": 3,
            "unchanged": 1,
        }
    )
    assert actual == expected
    assert len(actual["audit"]) > 20  # created, changed, linked, history: all of it


def test_a_file_with_refused_rows_reports_what_row_by_row_reported_and_saves_nothing(world):
    mixed_world(world)
    before = state(world.plan, last_audit())
    oracle, result, expected, actual = both_ways(world, refused_rows(world))
    assert [str(p) for p in result.problems] == [str(p) for p in oracle.problems]
    assert [p.row for p in result.problems] == [2, 3, 4, 5, 6, 7]
    assert actual == expected == before
    assert actual["audit"] == []


def saving_queries(world, data: bytes) -> int:
    """The SQL statements of an import's saving stage."""
    executed: list[str] = []
    started: list[int] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "saving":
            started.append(len(executed))

    with connection.execute_wrapper(count), acting_as(world.editor, label="test"):
        result = plan_import(
            plan=world.plan, data=data, filename="plan.xlsx", by=world.editor, progress=progress
        )
    assert result.ok, result.problems[:3]
    return len(executed) - started[0]


def test_a_large_import_is_saved_in_batches_not_one_row_at_a_time(world):
    first = [HEADERS] + [
        row(f"B{n:04d}", f"Actie {n}", Thema_s="klimaat; isv", Status="lopend") for n in range(500)
    ]
    run_import(world.plan, xlsx(first), by=world.editor)
    rows = [HEADERS]
    for n in range(1000):
        cells: dict[str, Any] = {"Thema_s": "klimaat; isv", "Status": "lopend"}
        if n % 2:
            cells.update(Thema_s="klimaat", Status="voltooid", Resultaat=f"Gedaan {n}")
        rows.append(row(f"B{n:04d}", f"Actie {n}", **cells))
    assert saving_queries(world, xlsx(rows)) < len(rows) // 5


STATUSES = ["niet gestart", "lopend", "voltooid", "uitgesteld", "vervallen"]
CODES = ["E1", "E2", "E3", "E5", "N1", "N2", "N3"]
DAYS = [date(2017, 3, 1), date(2017, 4, 1), date(2017, 6, 15), date(2017, 9, 20), None]


@st.composite
def random_rows(draw, world) -> list[list[Any]]:
    """Rows for existing and new codes with any status, date, theme and owner: some
    saved, some refused by the parser or by plans' services."""
    codes = draw(st.lists(st.sampled_from(CODES), max_size=6, unique=True))
    rows = [HEADERS]
    for code in codes:
        cells = {
            "Status": draw(st.sampled_from(STATUSES)),
            "Status_sinds": draw(st.sampled_from(DAYS)),
            "Thema_s": draw(st.sampled_from(["", "klimaat", "isv; klimaat", "?"])),
            "Eigenaar": draw(st.sampled_from(["", world.editor.email, "Piet"])),
            "Toegevoegd_op": draw(st.sampled_from(DAYS)),
            "Toelichting": draw(st.sampled_from(["", "Opnieuw"])),
            "Einddatum": draw(st.sampled_from([None, date(2017, 2, 1), date(2018, 1, 1)])),
            "Startdatum": date(2017, 5, 1),
        }
        rows.append(row(code, draw(st.sampled_from([f"Actie {code}", "Anders"])), **cells))
    return rows


@given(data=st.data())
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_file_saves_and_reports_exactly_what_row_by_row_did(world, data):
    with transaction.atomic():
        mixed_world(world)
        rows = data.draw(random_rows(world))
        oracle, result, expected, actual = both_ways(world, rows)
        assert [str(p) for p in result.problems] == [str(p) for p in oracle.problems]
        assert result.summary() == oracle.summary()
        assert actual == expected
        transaction.set_rollback(True)
