"""Who may open which staff page: every moderation view declares one capability with ``@requires``.

The declaration does two things. At request time it sends anonymous visitors to the staff login, sends a
signed-in staff member whose session is not yet verified with a second factor to the code step (or to enrolment
when they have no device; see otp.py), and answers 403 to signed-in people without the capability (a site-scoped
check, e.g. "moderates the site of this comment", is still made by the service the view calls). And it records
the capability on the view, so the permission matrix test can walk every URL of the workspace and fail on any
view that declares nothing.

The staff login pages themselves (password, code, enrolment, sign out) declare ``@account_page`` instead: they are
how staff sign in, so they check the session themselves. Staff API routes declare their capability with
``auth=StaffSession("moderate")``: 401 without a verified staff session, 403 without the capability.

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
from ninja.errors import HttpError
from ninja.security import SessionAuth

from parley.apps.moderation import otp, permissions

ACCOUNT = "account"  # the capability recorded by @account_page: the staff login pages, open to anyone

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
            second_factor = otp.redirect_to_second_factor(request)
            if second_factor is not None:
                return second_factor
            if not allowed(request.user, capability):
                raise PermissionDenied(MESSAGES[capability])
            return view(request, *args, **kwargs)

        wrapped.parley_capability = capability
        return wrapped

    return decorator


def account_page(view):
    """Decorate a staff login page (password, code, enrolment, sign out): it is open to anyone and checks the
    session itself."""
    view.parley_capability = ACCOUNT
    return view


def capability_of(view) -> str | None:
    """The capability a resolved view declared, or None (class-based views: on the class or its ``dispatch``)."""
    view_class = getattr(view, "view_class", None)
    for candidate in (view, view_class, getattr(view_class, "dispatch", None)):
        capability = getattr(candidate, "parley_capability", None)
        if capability is not None:
            return capability
    return None


class StaffSession(SessionAuth):
    """API authentication for staff routes: ``@router.get(..., auth=StaffSession("reports"))``.

    A signed-in staff session verified with its second factor passes (anonymous or unverified: 401); one without
    the capability gets 403. Unsafe methods need the CSRF token, as with any session.
    """

    def __init__(self, capability: str, csrf: bool = True):
        if capability not in CHECKS:
            raise ValueError(f"unknown capability {capability!r}; known: {', '.join(CHECKS)}")
        self.parley_capability = capability
        super().__init__(csrf=csrf)

    def authenticate(self, request, key):
        user = request.user
        if not user.is_authenticated or otp.pending_step(user) is not None:
            return None
        if not allowed(user, self.parley_capability):
            raise HttpError(403, MESSAGES[self.parley_capability])
        return user
