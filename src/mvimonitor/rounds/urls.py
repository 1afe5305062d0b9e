"""Mounted at o/<org_slug>/plans/<plan_slug>/rounds/. A round is named by its monitor's
date (one round per monitor): .../rounds/2017-09-20/. An owner's answer is named by the
action: the item of that action in the plan's latest round."""

from django.urls import path

from mvimonitor.rounds import views

app_name = "rounds"
urlpatterns = [
    path("<isodate:day>/", views.round_detail, name="detail"),
    path("<isodate:day>/open/", views.round_open, name="open"),
    path("<isodate:day>/progress/", views.round_progress, name="progress"),
    # "<isodate:day>/remind/" (nudge) is reminders.urls.round_patterns, added by conf.urls.
    path("<isodate:day>/owners/", views.round_owners, name="owners"),
    path("<isodate:day>/close/", views.round_close, name="close"),
    path("actions/<int:pk>/unchanged/", views.item_confirm, name="item_confirm"),
    path("actions/<int:pk>/update/", views.item_update, name="item_update"),
]
