"""Mounted at o/<org_slug>/tenders/: the tender register, contracts, suppliers and the
pipeline. Each subject's views live in their own module."""

from django.urls import path  # noqa: F401

app_name = "procurement"
urlpatterns: list = []
