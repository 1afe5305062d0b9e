"""Views of monitors and their reports; every one goes through organisation_view."""

from mvimonitor.monitoring.views.composition import report_composition
from mvimonitor.monitoring.views.council import council_detail, council_list, council_pdf
from mvimonitor.monitoring.views.monitors import (
    monitor_create,
    monitor_edit,
    monitor_finalise,
    monitor_list,
    monitor_reopen,
)
from mvimonitor.monitoring.views.plan_items import (
    attention_point_close,
    attention_point_edit,
    attention_points,
    communication,
    communication_edit,
)
from mvimonitor.monitoring.views.recomputed import monitor_changes
from mvimonitor.monitoring.views.report import (
    edition_pdf,
    monitor_detail,
    monitor_download,
    monitor_figure,
)

__all__ = [
    "attention_point_close",
    "attention_point_edit",
    "attention_points",
    "communication",
    "communication_edit",
    "council_detail",
    "council_list",
    "council_pdf",
    "edition_pdf",
    "monitor_changes",
    "monitor_create",
    "monitor_detail",
    "monitor_download",
    "monitor_edit",
    "monitor_figure",
    "monitor_finalise",
    "monitor_list",
    "monitor_reopen",
    "report_composition",
]
