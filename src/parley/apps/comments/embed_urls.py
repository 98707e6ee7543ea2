from django.urls import path

app_name = "embed"

urlpatterns: list = []
