"""Mounted at o/<org_slug>/plans/<plan_slug>/monitors/. A monitor is named by its date
(unique per plan), so its address reads like the report: .../monitors/2017-09-20/."""

from datetime import date

from django.urls import path, register_converter

from mvimonitor.monitoring import views


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        return date.fromisoformat(value)  # ValueError (2017-02-30): no match, so 404

    def to_url(self, value: date | str) -> str:
        return value.isoformat() if isinstance(value, date) else value


register_converter(IsoDateConverter, "isodate")

app_name = "monitoring"
urlpatterns = [
    path("", views.monitor_list, name="list"),
    path("new/", views.monitor_create, name="create"),
    path("attention-points/", views.attention_points, name="attention_points"),
    path("attention-points/<int:pk>/", views.attention_point_edit, name="attention_point_edit"),
    path(
        "attention-points/<int:pk>/close/",
        views.attention_point_close,
        name="attention_point_close",
    ),
    path("communication/", views.communication, name="communication"),
    path("communication/<int:pk>/", views.communication_edit, name="communication_edit"),
    path("sections/", views.report_composition, name="compose"),
    # The council version of the finalised monitors: also for outside reviewers (ADR 0034).
    path("council/", views.council_list, name="council_list"),
    path("<isodate:day>/council/", views.council_detail, name="council_detail"),
    path("<isodate:day>/council/pdf/", views.council_pdf, name="council_pdf"),
    path("<isodate:day>/", views.monitor_detail, name="detail"),
    path("<isodate:day>/edit/", views.monitor_edit, name="edit"),
    path("<isodate:day>/finalise/", views.monitor_finalise, name="finalise"),
    path("<isodate:day>/reopen/", views.monitor_reopen, name="reopen"),
    path("<isodate:day>/figures/", views.monitor_figure, name="figure"),
    path("<isodate:day>/changes/", views.monitor_changes, name="changes"),
    path("<isodate:day>/download/<slug:fmt>/", views.monitor_download, name="download"),
    path(
        "<isodate:day>/editions/<int:number>/pdf/",
        views.edition_pdf,
        name="edition_pdf",
    ),
]
