from django.urls import path

from parley.apps.comments import embed

app_name = "embed"

urlpatterns = [
    path("fragment/", embed.fragment, name="fragment"),
    path("parley.js", embed.script, name="script"),
    path("parley.css", embed.stylesheet, name="stylesheet"),
    path("demo/<int:pk>/", embed.demo, name="demo"),
]
