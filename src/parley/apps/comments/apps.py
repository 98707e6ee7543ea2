from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "parley.apps.comments"
    label = "comments"
    verbose_name = "Comments"
