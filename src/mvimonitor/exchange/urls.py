"""Mounted at o/<org_slug>/plans/<plan_slug>/."""

from django.urls import path

from mvimonitor.exchange import views

app_name = "exchange"
urlpatterns = [
    path("export.xlsx", views.export, name="export"),
    path("import/", views.import_plan, name="import"),
    path("import/sjabloon.xlsx", views.template, name="template"),
    path("import/<int:job_id>/", views.import_status, name="import_status"),
]
