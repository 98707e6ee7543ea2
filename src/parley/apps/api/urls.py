from django.urls import path

from parley.apps.api.api import api

urlpatterns = [path("v1/", api.urls)]
