"""kernel.imports: every import counts and reports what it did alike."""

from mvimonitor.exchange.services import PlanImportResult
from mvimonitor.kernel.imports import ImportResult, Problem
from mvimonitor.procurement.exchange.common import RegisterImportResult


def counted() -> ImportResult:
    result = ImportResult(rows=4)
    result.count(created=True, updated=False, history_changed=True)
    result.count(created=False, updated=True, history_changed=False)
    result.count(created=False, updated=False, history_changed=True)
    result.count(created=False, updated=False, history_changed=False)
    return result


def test_each_saved_row_is_counted_once_as_created_updated_history_changed_or_unchanged():
    result = counted()

    assert (result.created, result.updated, result.history_changes, result.unchanged) == (
        1,
        1,
        2,
        1,
    )


def test_an_import_without_problems_is_ok_and_one_with_problems_is_not():
    assert ImportResult().ok
    assert not ImportResult(problems=[Problem(2, "Code", "Vul de code in.")]).ok


def test_discarding_the_counts_leaves_the_rows_and_problems():
    result = counted()
    result.problems.append(Problem(2, None, "Fout"))

    result.discard_counts()

    assert result.summary() == {
        "rows": 4,
        "created": 0,
        "updated": 0,
        "history_changes": 0,
        "unchanged": 0,
    }
    assert len(result.problems) == 1


def test_the_summary_names_the_history_as_the_import_knows_it():
    plan, register = PlanImportResult(), RegisterImportResult()
    plan.history_changes = register.history_changes = 3

    assert plan.summary()["status_changes"] == register.summary()["phase_changes"] == 3
    assert "history_changes" not in plan.summary()
