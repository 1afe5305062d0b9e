"""Mounted at o/<org_slug>/plans/<plan_slug>/."""

from django.urls import path

from mvimonitor.exchange import history_views, views, wizard_views

app_name = "exchange"
urlpatterns = [
    path("export.xlsx", views.export, name="export"),
    path("import/", views.import_plan, name="import"),
    path("import/sjabloon.xlsx", views.template, name="template"),
    path("import/columns/", wizard_views.import_columns, name="import_columns"),
    path("import/values/", wizard_views.import_values, name="import_values"),
    path("import/preview/", wizard_views.import_preview_page, name="import_preview"),
    path("import/<int:job_id>/", views.import_status, name="import_status"),
    path("import/history/", history_views.import_history, name="import_history"),
    path(
        "import/history/<int:record_id>/undo/",
        history_views.import_undo,
        name="import_undo",
    ),
]
