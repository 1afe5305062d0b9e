from django.urls import path

from mvimonitor.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.home, name="home"),
    path("o/<slug:org_slug>/", views.detail, name="detail"),
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
