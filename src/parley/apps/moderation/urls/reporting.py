"""Staff URLs: the reporting part of the workspace (every view declares its capability with access.requires)."""

urlpatterns: list = []
