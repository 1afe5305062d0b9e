from django.urls import path

from mvimonitor.organisations import invitation_views, site_views, views

app_name = "organisations"
urlpatterns = [
    path("", views.home, name="home"),
    # The organisations' administration, for site administrators (site_views).
    path("site/organisations/", site_views.organisation_list, name="site_list"),
    path("site/new-organisation/", site_views.organisation_create, name="site_create"),
    path("site/organisations/<slug:slug>/", site_views.organisation_detail, name="site_detail"),
    path("site/organisations/<slug:slug>/edit/", site_views.organisation_edit, name="site_edit"),
    path(
        "site/organisations/<slug:slug>/invite/",
        site_views.coordinator_invite,
        name="site_invite",
    ),
    # "o/<slug:org_slug>/" (detail) is plans.urls.organisation_patterns, added by conf.urls.
    path("o/<slug:org_slug>/settings/", views.settings_page, name="settings"),
    path("o/<slug:org_slug>/logo/", views.logo, name="logo"),
    path("o/<slug:org_slug>/members/", views.members, name="members"),
    path("o/<slug:org_slug>/members/invite/", views.invite, name="invite"),
    path(
        "o/<slug:org_slug>/members/<int:membership_id>/role/",
        views.member_role,
        name="member_role",
    ),
    path(
        "o/<slug:org_slug>/members/<int:membership_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "o/<slug:org_slug>/members/<int:membership_id>/unlock/",
        views.member_unlock,
        name="member_unlock",
    ),
    path(
        "o/<slug:org_slug>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "o/<slug:org_slug>/invitations/<int:invitation_id>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
]

# Under /accounts/ and in the accounts namespace (conf.urls): the link in every invitation
# e-mail is /accounts/invitation/<token>/.
invitation_patterns = [
    path("invitation/<slug:token>/", invitation_views.invitation_accept, name="invitation_accept"),
]
