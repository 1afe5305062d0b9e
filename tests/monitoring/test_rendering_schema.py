"""docs/report.schema.json describes `rendering.json.report_json` exactly: a real report and a
hand-made one validate, and the schema rejects what the format does not allow."""

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from mvimonitor.monitoring.rendering.json import report_json
from mvimonitor.monitoring.report import STATUS_CODES
from tests.monitoring.rendering_samples import real_report, sample_report

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"
#: Keys added after the format was published: outputs made before lack them.
LATER_KEYS = {
    "round",
    "stale_after_days",
    "stale_actions",
    "variant",
    "sections",
    "commentary",
    "late_count",
    "late_actions",
}


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def errors(validator, document) -> list[str]:
    return [error.message for error in validator.iter_errors(document)]


def as_printed(report) -> dict:
    """What `mvi-monitor report --format json` prints, read back."""
    return json.loads(json.dumps(report_json(report), ensure_ascii=False))


def test_a_real_report_validates(world, validator):
    document = as_printed(real_report(world))
    assert errors(validator, document) == []
    assert document["realised"] and document["planned"] and document["attention_points"]


def test_a_hand_made_report_with_empty_and_null_values_validates(validator):
    document = as_printed(
        sample_report(
            periods=[],
            realised=0,
            planned=0,
            previous_monitor_date=None,
            next_monitor_date=None,
            summary="",
            status="draft",
        )
    )
    assert errors(validator, document) == []


def test_every_key_of_the_format_is_required_and_later_keys_are_allowed(validator):
    schema = validator.schema
    document = as_printed(sample_report())
    assert sorted(schema["required"]) == sorted(set(document) - LATER_KEYS)
    assert errors(validator, {**document, "a_later_section": []}) == []
    older = {k: v for k, v in document.items() if k not in LATER_KEYS}
    assert errors(validator, older) == []
    for key in older:
        incomplete = {k: v for k, v in document.items() if k != key}
        assert errors(validator, incomplete), key


def test_statuses_are_the_five_codes(validator):
    document = as_printed(sample_report())
    assert set(document["periods"][0]["counts"]) == set(STATUS_CODES)
    wrong = copy.deepcopy(document)
    wrong["planned"][0]["status"] = "lopend"
    assert errors(validator, wrong)
    wrong = copy.deepcopy(document)
    del wrong["periods"][0]["counts"]["cancelled"]
    assert errors(validator, wrong)


def test_dates_are_iso_strings_or_null(validator):
    document = as_printed(sample_report())
    for bad in ("20-09-2017", "20 september 2017", 20170920):
        assert errors(validator, {**document, "monitor_date": bad}), bad
    assert errors(validator, {**document, "monitor_date": None})
    assert errors(validator, {**document, "next_monitor_date": "2017-02-30"})
    assert errors(validator, {**document, "next_monitor_date": None}) == []


def test_counts_are_whole_numbers_and_never_negative_while_changes_can_be(validator):
    document = as_printed(sample_report())
    wrong = copy.deepcopy(document)
    wrong["periods"][0]["counts"]["completed"] = -1
    assert errors(validator, wrong)
    wrong["periods"][0]["counts"]["completed"] = 1.5
    assert errors(validator, wrong)
    assert document["periods"][1]["change"]["running"] == -2  # and it validated above
