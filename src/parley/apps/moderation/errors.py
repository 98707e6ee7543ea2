"""Errors the moderation services raise for a request they refuse; views show ``message`` (a form error, or a
problem JSON with status 400/409), never a 500. Permission failures raise Django's ``PermissionDenied`` (403)."""

from __future__ import annotations


class ModerationError(ValueError):
    """A moderation request that cannot be carried out; ``field`` names the input at fault ("__all__": none)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class AppealError(ModerationError):
    """An appeal that cannot be filed or decided (too late, already pending, no person deciding...)."""


class NoticeError(ModerationError):
    """A reader report that cannot be accepted."""


class TakedownError(ModerationError):
    """A take-down whose target cannot be found or is already taken down."""
