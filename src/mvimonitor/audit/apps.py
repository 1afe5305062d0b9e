from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mvimonitor.audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from mvimonitor.audit.recording import connect_audited_models

        connect_audited_models()
