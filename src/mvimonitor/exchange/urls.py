"""Mounted at o/<org_slug>/plans/<plan_slug>/."""

from django.urls import path

from mvimonitor.exchange import history_views, views

app_name = "exchange"
urlpatterns = [
    path("export.xlsx", views.export, name="export"),
    path("import/", views.import_plan, name="import"),
    path("import/<int:job_id>/", views.import_status, name="import_status"),
    path("import/history/", history_views.import_history, name="import_history"),
    path(
        "import/history/<int:record_id>/undo/",
        history_views.import_undo,
        name="import_undo",
    ),
]
