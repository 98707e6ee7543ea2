"""Absolute URLs, and the private signed link that shows a commenter what happened to a comment."""

from django.conf import settings
from django.core import signing

STATUS_SALT = "parley.comment-status"


def absolute_url(request, path: str) -> str:
    if settings.PARLEY_PUBLIC_URL:
        return settings.PARLEY_PUBLIC_URL + path
    return request.build_absolute_uri(path)


def status_token(comment) -> str:
    return signing.dumps({"c": comment.pk}, salt=STATUS_SALT, compress=True)


def comment_id_from_token(token: str) -> int | None:
    """The comment id in a status token, or None when the token is forged, damaged or expired."""
    try:
        data = signing.loads(token, salt=STATUS_SALT, max_age=settings.PARLEY_STATUS_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    value = data.get("c") if isinstance(data, dict) else None
    return value if isinstance(value, int) else None
