"""Staff two-factor login: who needs a second factor, authenticator apps (TOTP), backup codes, and a cap on guesses.

Staff are everyone who may use /moderate/ or /admin/: superusers, ``is_staff`` accounts, and members of the three
roles (see permissions.py). With ``PARLEY_STAFF_2FA`` on (the default) a staff session counts only once it is
verified: the password step signs the person in, and the code step (a code from an authenticator app, or a
single-use backup code) verifies the session with django-otp. ``access.requires`` and the admin site send a
signed-in but unverified staff member to the code step, or to enrolment when they have no device yet.
"""

from __future__ import annotations

import hashlib
import re
import time
from base64 import b32encode
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import django_otp
import segno
from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from parley.apps.moderation.permissions import ADMINS, ANALYSTS, MODERATORS

ISSUER = "Parley"
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10
DEFAULT_NEXT = "/moderate/"

# Failed attempts allowed per account and address, per step, before the step refuses for the rest of the window.
MAX_FAILURES = 5
FAILURE_WINDOW = 15 * 60  # seconds


# --- who needs a second factor


def required() -> bool:
    return bool(getattr(settings, "PARLEY_STAFF_2FA", True))


def is_staff_member(user) -> bool:
    """May ``user`` use /moderate/ or /admin/ at all (whatever their capabilities)?"""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return user.groups.filter(name__in=[ADMINS, MODERATORS, ANALYSTS]).exists()


def is_verified(user) -> bool:
    """Has this session been verified with a device (set by django-otp's middleware)?"""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def has_device(user) -> bool:
    return django_otp.user_has_device(user, confirmed=True)


def pending_step(user) -> str | None:
    """``"verify"`` or ``"enrol"`` while a signed-in staff member still owes the second factor, else None."""
    if not required() or not is_staff_member(user) or is_verified(user):
        return None
    return "verify" if has_device(user) else "enrol"


def safe_next(request, candidate: str | None = None) -> str:
    """The ``next`` address of this request when it stays on this site, else the workspace."""
    target = candidate if candidate is not None else (request.POST.get(REDIRECT_FIELD_NAME)
                                                      or request.GET.get(REDIRECT_FIELD_NAME))
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        parts = urlsplit(target)
        return urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return DEFAULT_NEXT


def step_url(step: str, next_url: str) -> str:
    name = {"login": "account_login", "verify": "account_verify", "enrol": "account_enrol"}[step]
    return f"{reverse(f'moderation:{name}')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"


def redirect_to_second_factor(request):
    """A redirect to the step this session still owes, or None when it owes nothing."""
    step = pending_step(request.user)
    if step is None:
        return None
    # After the code step, come back to this page; an action (a POST) goes back to the page it was sent from.
    back = request.get_full_path() if request.method in ("GET", "HEAD") else safe_next(
        request, request.META.get("HTTP_REFERER", ""))
    return redirect(step_url(step, back))


def complete(request, device) -> None:
    """Mark the session verified by ``device``, under a new session key."""
    django_otp.login(request, device)
    request.session.cycle_key()


# --- a cap on failed attempts, per account and address, in the cache


def _key(step: str, account: str, ip: str) -> str:
    digest = hashlib.sha256(f"{account.strip().lower()}|{ip}".encode()).hexdigest()[:32]
    return f"parley:staff-login:{step}:{digest}"


def locked_for(step: str, account: str, ip: str) -> int:
    """Seconds until this account may try again from this address (0: it may try now)."""
    state = cache.get(_key(step, account, ip))
    if not state or state["count"] < MAX_FAILURES:
        return 0
    return max(1, int(state["until"] - time.time()))


def note_failure(step: str, account: str, ip: str) -> int:
    """Count a failed attempt; returns how many attempts are left in the window."""
    key = _key(step, account, ip)
    state = cache.get(key) or {"count": 0, "until": time.time() + FAILURE_WINDOW}
    state["count"] += 1
    cache.set(key, state, timeout=max(1, int(state["until"] - time.time())))
    return max(0, MAX_FAILURES - state["count"])


def clear_failures(step: str, account: str, ip: str) -> None:
    cache.delete(_key(step, account, ip))


def wait_text(seconds: int) -> str:
    minutes = (seconds + 59) // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''}" if seconds > 60 else f"{seconds} seconds"


# --- checking a code


@dataclass(frozen=True)
class CodeCheck:
    device: object | None = None  # the device that accepted the code
    error: str = ""
    backup_codes_left: int | None = None  # after a backup code was used


def normalise(code: str) -> str:
    return re.sub(r"[\s-]+", "", code or "").lower()


def check_code(user, code: str) -> CodeCheck:
    """Try ``code`` as an authenticator code (all digits) or else as a backup code."""
    code = normalise(code)
    if not code:
        return CodeCheck(error="Enter the code from your authenticator app, or a backup code.")
    devices = candidates(user, code)
    invalid = CodeCheck(error="That code is not valid. Check the time on your phone, or use a backup code.")
    if not devices:
        return invalid
    refusals = [data or {} for allowed, data in (d.verify_is_allowed() for d in devices) if not allowed]
    if len(refusals) == len(devices):
        until = [r["locked_until"] for r in refusals if r.get("locked_until")]
        seconds = max(1, int(min(until).timestamp() - time.time()) + 1) if until else 60
        return CodeCheck(error=f"Too many wrong codes in a row: wait {wait_text(seconds)} and try again.")
    for device in devices:
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            left = verified.token_set.count() if isinstance(verified, StaticDevice) else None
            return CodeCheck(device=verified, backup_codes_left=left)
    return invalid


def candidates(user, code: str) -> list:
    """The devices a code of this shape is meant for: authenticator apps take their number of digits, backup
    codes take anything else (so a mistyped app code does not slow down a backup code, and the reverse)."""
    devices = list(django_otp.devices_for_user(user))
    app_shapes = {d.digits for d in devices if isinstance(d, TOTPDevice)}
    looks_like_app_code = code.isdigit() and len(code) in app_shapes
    return [d for d in devices if isinstance(d, TOTPDevice) == looks_like_app_code]


# --- enrolling an authenticator app, and backup codes


def enrolment_device(user) -> TOTPDevice:
    """The authenticator device being set up for ``user`` (the same one until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def otpauth_uri(device: TOTPDevice) -> str:
    """The ``otpauth://`` address an authenticator app reads (from the QR code, or typed in)."""
    label = f"{ISSUER}:{device.user.get_username()}"
    params = {"secret": secret(device), "issuer": ISSUER, "algorithm": "SHA1", "digits": device.digits,
              "period": device.step}
    return f"otpauth://totp/{quote(label)}?{urlencode(params, quote_via=quote)}"


def secret(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def secret_groups(device: TOTPDevice) -> str:
    """The secret in groups of four letters, for typing into an app by hand."""
    value = secret(device)
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))


def qr_svg(uri: str) -> str:
    """An inline SVG QR code of ``uri``."""
    return segno.make(uri, error="m").svg_inline(scale=5, border=2, title="Scan with an authenticator app")


@transaction.atomic
def confirm_enrolment(device: TOTPDevice) -> list[str]:
    """Confirm the app (its first code was checked) and issue fresh backup codes; returns them, to show once."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return issue_backup_codes(device.user)


@transaction.atomic
def issue_backup_codes(user, count: int = BACKUP_CODE_COUNT) -> list[str]:
    """Replace ``user``'s backup codes with ``count`` new ones (each works once)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True})
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    device.token_set.all().delete()
    codes = []
    while len(codes) < count:
        token = StaticToken.random_token()
        if token not in codes:
            codes.append(token)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=token) for token in codes)
    return codes


def ensure_app_device(user, *, renew: bool = False) -> TOTPDevice:
    """A confirmed authenticator device for ``user`` (a new secret with ``renew``); for scripted set-ups."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
    if device is not None and renew:
        TOTPDevice.objects.filter(user=user).delete()
        device = None
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)
    return device


# --- the Django admin


class StaffAdminSite(AdminSite):
    """The admin with the staff login: a verified session is required, and signing in goes through the
    workspace's two steps (``parley.urls`` gives the default admin site this class)."""

    def has_permission(self, request):
        return super().has_permission(request) and (not required() or is_verified(request.user))

    def login(self, request, extra_context=None):
        index = reverse("admin:index", current_app=self.name)
        next_url = safe_next(request, request.GET.get(REDIRECT_FIELD_NAME) or index)
        if self.has_permission(request):
            return redirect(next_url)
        if not request.user.is_authenticated:
            return redirect(step_url("login", next_url))
        step = pending_step(request.user)
        if step is not None:
            return redirect(step_url(step, next_url))
        raise PermissionDenied("Your account may not use the administration.")
