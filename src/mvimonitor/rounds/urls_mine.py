"""Mounted at my-actions/: "Mijn acties", the logged-in user's actions in the open
rounds of all their organisations."""

from django.urls import path

from mvimonitor.rounds import views

app_name = "my_actions"
urlpatterns = [path("", views.my_actions, name="list")]
