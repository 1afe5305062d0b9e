from datetime import date

from django.utils import timezone


def today() -> date:
    """Today in Europe/Amsterdam (settings.TIME_ZONE), the calendar users live in."""
    return timezone.localdate()
