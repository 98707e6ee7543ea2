from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "parley.apps.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        from parley.apps.moderation import statements

        statements.connect()
