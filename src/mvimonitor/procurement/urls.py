"""Mounted at o/<org_slug>/tenders/: the tender register, contracts, suppliers and the
pipeline. Each subject's views live in their own module."""

from django.urls import path

from mvimonitor.procurement.views import contracts, exchange, pipeline, tenders

app_name = "procurement"
urlpatterns: list = []

# The tender register (views/tenders.py).
urlpatterns += [
    path("", tenders.tender_list, name="tender_list"),
    path("new/", tenders.tender_create, name="tender_create"),
    path("<int:pk>/", tenders.tender_detail, name="tender_detail"),
    path("<int:pk>/edit/", tenders.tender_edit, name="tender_edit"),
    path("<int:pk>/phase/", tenders.tender_phase, name="tender_phase"),
    path("<int:pk>/theme/", tenders.tender_theme, name="tender_theme"),
    path(
        "<int:pk>/themes/<int:theme_pk>/remove/",
        tenders.tender_theme_remove,
        name="tender_theme_remove",
    ),
    path("<int:pk>/actions/", tenders.tender_actions, name="tender_actions"),
]

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

# The pipeline (views/pipeline.py).
urlpatterns += [path("pipeline/", pipeline.pipeline, name="pipeline")]

# Import and export of tenders and contracts (views/exchange.py).
urlpatterns += [
    path("export.<str:fmt>", exchange.tender_export, name="tender_export"),
    path("import/", exchange.tender_import, name="tender_import"),
    path("contracts/export.<str:fmt>", exchange.contract_export, name="contract_export"),
    path("contracts/import/", exchange.contract_import, name="contract_import"),
]
