"""Mounted at o/<org_slug>/plans/<plan_slug>/review/."""

from django.urls import path

from mvimonitor.review import views

app_name = "review"
urlpatterns = [
    path("", views.plan_review, name="plan"),
    path("comments/", views.comment_add, name="comment_add"),
    path("comments/<int:comment_id>/resolve/", views.comment_resolve, name="comment_resolve"),
    path("comments/<int:comment_id>/reopen/", views.comment_reopen, name="comment_reopen"),
    path("actions/<int:pk>/comments/", views.action_comment_add, name="action_comment_add"),
    path("reviewers/invite/", views.reviewer_invite, name="invite"),
]
