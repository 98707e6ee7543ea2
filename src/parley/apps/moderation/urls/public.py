"""Public due-process URLs (reports on comments, appeals against decisions); no staff login."""

app_name = "due_process"

urlpatterns: list = []
