"""Mounted at calendar/: the page with the subscribe link, and the feed itself (public,
behind the link's secret token)."""

from django.urls import path

from mvimonitor.calendar_feed import views

app_name = "calendar_feed"
urlpatterns = [
    path("", views.feed_settings, name="settings"),
    path("<str:token>.ics", views.feed, name="feed"),
]
