from django.urls import path

from mvimonitor.web import views

app_name = "web"

urlpatterns = [
    # Dutch, as the model statement's address usually is.
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
]
