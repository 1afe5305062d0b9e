"""Mounted at o/<org_slug>/plans/<plan_slug>/targets/: a plan's targets."""

from django.urls import path

from mvimonitor.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.target_list, name="list"),
    path("new/", views.target_create, name="create"),
    path("<int:pk>/", views.target_detail, name="detail"),
    path("<int:pk>/edit/", views.target_edit, name="edit"),
    path("<int:pk>/delete/", views.target_delete, name="delete"),
]
