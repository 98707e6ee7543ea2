"""Public due-process URLs (reports on comments, appeals against decisions); no staff login."""

from django.urls import path

from parley.apps.moderation.views import public

app_name = "due_process"

urlpatterns = [
    path("comments/<int:pk>/report/", public.report, name="report"),
    path("reports/<str:token>/", public.report_received, name="report_received"),
    path("status/<str:token>/appeal/", public.appeal, name="appeal"),
    path("status/<str:token>/appeal/received/", public.appeal_received, name="appeal_received"),
]
