from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "parley.apps.api"
    label = "api"
    verbose_name = "JSON API"
