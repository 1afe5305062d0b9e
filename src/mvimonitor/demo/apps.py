from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "mvimonitor.demo"
    verbose_name = "Demo data"
