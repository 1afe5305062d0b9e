"""The report as the documented JSON format of `mvi-monitor report --format json` and the
JSON download (docs/report.schema.json, schema_version 1; later versions only add keys):
the core, then the keys of every section the report carries in report order (shown in
its variant or not; a variant withholds the sections it may not hold, ADR 0025), and
which variant it is, the sections it shows in order and the commentary under them.
Only renders: no queries."""

from typing import Any

from mvimonitor.monitoring.report import ActionItem, CommunicationItem, Report

SCHEMA_VERSION = 1
_STATUS_ORDER = ("not_started", "running", "completed", "postponed", "cancelled")


def report_json(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "plan": report.plan,
        "organisation": report.organisation,
        "monitor_date": report.monitor_date.isoformat(),
        "status": report.status,
        "previous_monitor_date": _iso(report.previous_monitor_date),
        "next_monitor_date": _iso(report.next_monitor_date),
        "summary": report.summary,
        "periods": [
            {
                "name": p.name,
                "total": p.total,
                "counts": {code: p.counts.get(code, 0) for code in _STATUS_ORDER},
                "change": {code: p.change.get(code, 0) for code in _STATUS_ORDER},
            }
            for p in report.periods
        ],
        "realised": [_action(a) for a in report.realised],
        "planned": [_action(a) for a in report.planned],
        "attention_points": [
            {"kind": a.kind, "text": a.text, "date": _iso(a.date)} for a in report.attention_points
        ],
        "communication": {
            "realised": [_moment(c) for c in report.communication_realised],
            "planned": [_moment(c) for c in report.communication_planned],
        },
    }
    for part in report.data_parts():
        data.update(part.section.to_json(part.data))
    data.update(
        {
            "variant": report.variant,
            "sections": [part.id for part in report.parts()],
            "commentary": dict(report.commentary),
        }
    )
    return data


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _action(item: ActionItem) -> dict[str, Any]:
    return {
        "code": item.code,
        "title": item.title,
        "status": item.status,
        "result": item.result,
        "is_new": item.is_new,
        "start_date": _iso(item.start_date),
        "due_date": _iso(item.due_date),
        "stale": item.stale,
    }


def _moment(item: CommunicationItem) -> dict[str, Any]:
    return {"date": _iso(item.date), "text": item.text, "channel": item.channel}
