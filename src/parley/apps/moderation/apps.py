from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "parley.apps.moderation"
    label = "moderation"
    verbose_name = "Moderation"
