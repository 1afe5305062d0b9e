"""Mounted at accounts/preferences/: the user's own settings, outside any organisation."""

from django.urls import path

from mvimonitor.reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.preferences, name="preferences"),
]
