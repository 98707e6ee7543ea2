from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "parley.apps.articles"
    label = "articles"
    verbose_name = "Sites and articles"

    def ready(self) -> None:
        from parley.apps.articles import signals  # noqa: F401 - connects the embedding hook
