"""Mounted at o/<org_slug>/plans/. The fixed paths ("new/", "themes/") come before
<plan_slug>/; services.RESERVED_PLAN_SLUGS keeps plans from taking those names."""

from django.urls import path

from mvimonitor.plans import views
from mvimonitor.plans.views.copy import plan_copy
from mvimonitor.plans.views.corrections import status_correct
from mvimonitor.plans.views.organisation import organisation_detail
from mvimonitor.plans.views.removal import plan_delete

app_name = "plans"
urlpatterns = [
    path("new/", views.plan_create, name="create"),
    path("themes/", views.org_themes, name="org_themes"),
    path("<slug:plan_slug>/", views.plan_detail, name="detail"),
    path("<slug:plan_slug>/edit/", views.plan_edit, name="edit"),
    path("<slug:plan_slug>/delete/", plan_delete, name="delete"),
    path("<slug:plan_slug>/periods/", views.plan_periods, name="periods"),
    path("<slug:plan_slug>/themes/", views.plan_themes, name="themes"),
    path("<slug:plan_slug>/copy/", plan_copy, name="copy"),
    path("<slug:plan_slug>/actions/", views.action_list, name="action_list"),
    path("<slug:plan_slug>/actions/new/", views.action_create, name="action_create"),
    path("<slug:plan_slug>/actions/status/", views.action_bulk_status, name="action_bulk_status"),
    path("<slug:plan_slug>/actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("<slug:plan_slug>/actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("<slug:plan_slug>/actions/<int:pk>/status/", views.action_status, name="action_status"),
    path(
        "<slug:plan_slug>/actions/<int:pk>/withdraw/",
        views.action_withdraw,
        name="action_withdraw",
    ),
    path(
        "<slug:plan_slug>/actions/<int:pk>/history/<int:change_pk>/correct/",
        status_correct,
        name="status_correct",
    ),
]

# The organisation's page, /o/<org_slug>/ named organisations:detail: conf.urls adds it to
# the organisations namespace.
organisation_patterns = [
    path("o/<slug:org_slug>/", organisation_detail, name="detail"),
]
