"""Mounted at o/<org_slug>/tenders/: the tender register, contracts, suppliers and the
pipeline. Each subject's views live in their own module."""

from django.urls import path

from mvimonitor.procurement.views import contracts

app_name = "procurement"
urlpatterns: list = []

# Contracts and suppliers (views/contracts.py).
urlpatterns += [
    path("contracts/", contracts.contract_list, name="contract_list"),
    path("contracts/new/", contracts.contract_create, name="contract_create"),
    path("contracts/<int:pk>/", contracts.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/edit/", contracts.contract_edit, name="contract_edit"),
    path("suppliers/", contracts.supplier_list, name="supplier_list"),
    path("suppliers/new/", contracts.supplier_create, name="supplier_create"),
    path("suppliers/<int:pk>/", contracts.supplier_detail, name="supplier_detail"),
    path("suppliers/<int:pk>/edit/", contracts.supplier_edit, name="supplier_edit"),
]
