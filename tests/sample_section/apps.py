from django.apps import AppConfig


class SampleSectionConfig(AppConfig):
    name = "tests.sample_section"
    label = "sample_section"

    def ready(self) -> None:
        from mvimonitor.monitoring.sections import register
        from tests.sample_section.section import OpenActionsSection

        register(OpenActionsSection())
