"""Staff URLs: the workspace part of the workspace (every view declares its capability with access.requires)."""

urlpatterns: list = []
