"""Mounted at accounts/preferences/: the user's own settings, outside any organisation."""

from django.urls import path

from mvimonitor.reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.preferences, name="preferences"),
]

# Under a plan's rounds/ and in the rounds namespace (conf.urls): the round page's
# "remind" buttons post here.
round_patterns = [
    path("<isodate:day>/remind/", views.round_nudge, name="nudge"),
]
