from django.contrib import admin
from django.urls import include, path

from mvimonitor.accounts.urls import urlpatterns as account_patterns
from mvimonitor.organisations.urls import invitation_patterns

urlpatterns = [
    path("", include("mvimonitor.organisations.urls")),
    path("accounts/", include((account_patterns + invitation_patterns, "accounts"))),
    path("accounts/preferences/", include("mvimonitor.reminders.urls")),
    path("o/<slug:org_slug>/plans/", include("mvimonitor.plans.urls")),
    path("o/<slug:org_slug>/plans/<slug:plan_slug>/", include("mvimonitor.exchange.urls")),
    path(
        "o/<slug:org_slug>/plans/<slug:plan_slug>/monitors/",
        include("mvimonitor.monitoring.urls"),
    ),
    path("o/<slug:org_slug>/tenders/", include("mvimonitor.procurement.urls")),
    path("o/<slug:org_slug>/plans/<slug:plan_slug>/targets/", include("mvimonitor.targets.urls")),
    path("o/<slug:org_slug>/plans/<slug:plan_slug>/rounds/", include("mvimonitor.rounds.urls")),
    path("my-actions/", include("mvimonitor.rounds.urls_mine")),
    path("o/<slug:org_slug>/plans/<slug:plan_slug>/review/", include("mvimonitor.review.urls")),
    path("calendar/", include("mvimonitor.calendar_feed.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
