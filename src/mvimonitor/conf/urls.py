from django.contrib import admin
from django.urls import include, path

from mvimonitor.accounts.urls import urlpatterns as account_patterns

# Registers the `isodate` path converter that the rounds and reminders URLs use, so it
# comes before them (until the converter moves to the web kit).
from mvimonitor.monitoring.urls import urlpatterns as monitor_patterns
from mvimonitor.organisations.urls import invitation_patterns
from mvimonitor.organisations.urls import urlpatterns as organisation_patterns
from mvimonitor.plans.urls import organisation_patterns as plans_organisation_patterns
from mvimonitor.reminders.urls import round_patterns as reminders_round_patterns
from mvimonitor.rounds.urls import urlpatterns as round_patterns

# Some pages are named in the namespace of a lower app but owned by a higher one, which
# may import what the page needs (ADR 0017): the invitation page (organisations) among
# the account pages, an organisation's page with its plans (plans) among the
# organisation's pages, the nudge of a round's owners (reminders) among the round's.

urlpatterns = [
    path("", include((organisation_patterns + plans_organisation_patterns, "organisations"))),
    path("accounts/", include((account_patterns + invitation_patterns, "accounts"))),
    path("accounts/preferences/", include("mvimonitor.reminders.urls")),
    path("o/<slug:org_slug>/plans/", include("mvimonitor.plans.urls")),
    path("o/<slug:org_slug>/plans/<slug:plan_slug>/", include("mvimonitor.exchange.urls")),
    path(
        "o/<slug:org_slug>/plans/<slug:plan_slug>/monitors/",
        include((monitor_patterns, "monitoring")),
    ),
    path("o/<slug:org_slug>/tenders/", include("mvimonitor.procurement.urls")),
    path("o/<slug:org_slug>/plans/<slug:plan_slug>/targets/", include("mvimonitor.targets.urls")),
    path(
        "o/<slug:org_slug>/plans/<slug:plan_slug>/rounds/",
        include((round_patterns + reminders_round_patterns, "rounds")),
    ),
    path("my-actions/", include("mvimonitor.rounds.urls_mine")),
    path("o/<slug:org_slug>/plans/<slug:plan_slug>/review/", include("mvimonitor.review.urls")),
    path("calendar/", include("mvimonitor.calendar_feed.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("mvimonitor.web.urls")),
    path("beheer/", admin.site.urls),
]

# The error pages in the site's layout and the user's language (web.errors, ADR 0032).
handler400 = "mvimonitor.web.errors.bad_request"
handler403 = "mvimonitor.web.errors.permission_denied"
handler404 = "mvimonitor.web.errors.page_not_found"
# A database lock that no view caught (the session's save after the view) gets the busy
# page too; any other error the site's 500 page (web.busy, ADR 0020; web.errors).
handler500 = "mvimonitor.web.busy.server_error"
