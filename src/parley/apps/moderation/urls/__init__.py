"""The staff workspace under /moderate/ (namespace ``moderation``); each part has its own module."""

from django.urls import include, path

app_name = "moderation"

urlpatterns = [
    path("", include("parley.apps.moderation.urls.workspace")),
    path("", include("parley.apps.moderation.urls.reporting")),
    path("account/", include("parley.apps.moderation.urls.account")),
]
