from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarFeedConfig(AppConfig):
    name = "mvimonitor.calendar_feed"
    verbose_name = _("Calendar feeds")
