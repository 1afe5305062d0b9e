from django.apps import AppConfig


class ConfConfig(AppConfig):
    """Not a domain app (no models): it registers the installation's system checks."""

    name = "mvimonitor.conf"
    label = "mvimonitor_conf"
    verbose_name = "Configuration"

    def ready(self) -> None:
        from mvimonitor.conf import checks  # noqa: F401  (registers the checks)
