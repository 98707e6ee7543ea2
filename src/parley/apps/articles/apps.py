from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "parley.apps.articles"
    label = "articles"
    verbose_name = "Sites and articles"
