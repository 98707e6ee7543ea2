"""Who may open which staff page: every moderation view declares one capability with ``@requires``.

The declaration does two things. At request time it sends anonymous visitors to the staff login and answers
403 to signed-in people without the capability (a site-scoped check, e.g. "moderates the site of this comment",
is still made by the service the view calls). And it records the capability on the view, so the permission
matrix test can walk every URL of the workspace and fail on any view that declares nothing.

Capabilities:

* ``moderate`` — moderates at least one site (admins, and moderators with a site);
* ``reports`` — reads the dashboard and transparency reports (admins, analysts);
* ``export`` — exports statements of reasons (admins, analysts);
* ``take_down`` — emergency take-down (admins);
* ``manage`` — gives moderators their sites (admins).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from parley.apps.moderation import permissions

CHECKS: dict[str, Callable[[object], bool]] = {
    "moderate": lambda user: permissions.moderated_sites(user).exists(),
    "reports": permissions.can_view_reports,
    "export": permissions.can_export_statements,
    "take_down": permissions.can_take_down,
    "manage": permissions.can_manage_moderators,
}
MESSAGES = {
    "moderate": "You do not moderate any site.",
    "reports": "Only admins and analysts can read moderation reports.",
    "export": "Only admins and analysts can export statements of reasons.",
    "take_down": "Only Parley admins can take content down.",
    "manage": "Only Parley admins can change which sites a moderator works on.",
}


def allowed(user, capability: str) -> bool:
    return CHECKS[capability](user)


def requires(capability: str):
    """Decorate a staff view: ``@requires("moderate")``."""
    if capability not in CHECKS:
        raise ValueError(f"unknown capability {capability!r}; known: {', '.join(CHECKS)}")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user, capability):
                raise PermissionDenied(MESSAGES[capability])
            return view(request, *args, **kwargs)

        wrapped.parley_capability = capability
        return wrapped

    return decorator


def capability_of(view) -> str | None:
    """The capability a resolved view declared, or None (class-based views: the ``view_class`` dispatch)."""
    return getattr(view, "parley_capability", None)
