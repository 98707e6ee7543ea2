"""Staff sign-in: the password step, the code step, enrolling an authenticator app, and signing out.

The password step signs the person in; with ``PARLEY_STAFF_2FA`` on, a staff session is only verified after the
code step (an authenticator code or a single-use backup code). Staff without a device set one up at the
enrolment page: a QR code and the secret in text, a first code to confirm it, then ten backup codes shown once.
Failed passwords and codes are capped per account and address (see otp.py).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from parley.apps.comments.identity import client_ip
from parley.apps.moderation import otp
from parley.apps.moderation.access import account_page
from parley.apps.moderation.models import record

WRONG_PASSWORD = "The username and password do not match a staff account. Both are case-sensitive."
NOT_STAFF = "This account has no access to the moderation workspace."


class LoginForm(forms.Form):
    username = forms.CharField(max_length=150, widget=forms.TextInput(
        attrs={"autocomplete": "username", "autocapitalize": "none", "autofocus": True}))
    password = forms.CharField(strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code", max_length=32,
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none",
                                      "spellcheck": "false", "autofocus": True}),
    )


def _sign_in_page(view):
    """The decorators the sign-in pages share: open to anyone (the view checks the session itself), CSRF-protected,
    never cached, GET and POST only."""
    return account_page(csrf_protect(never_cache(require_http_methods(["GET", "POST"])(view))))


def _locked_error(form, seconds: int) -> None:
    form.add_error(None, f"Too many failed attempts. For your account's safety, try again in {otp.wait_text(seconds)}.")


def _locked(form, step: str, account: str, ip: str) -> bool:
    """Whether failures have paused this step for the account and address; if so the form says for how long."""
    wait = otp.locked_for(step, account, ip)
    if wait:
        _locked_error(form, wait)
    return bool(wait)


def _failed(form, step: str, account: str, ip: str, message: str, field: str | None = None) -> int:
    """Count a failure, add the message, and return the status to answer with."""
    left = otp.note_failure(step, account, ip)
    if left == 0:
        _locked_error(form, otp.FAILURE_WINDOW)
        return 429
    if left <= 2:
        message += f" {left} attempt{'s' if left != 1 else ''} left before signing in is paused."
    form.add_error(field, message)
    return 400


def _page(request, template: str, context: dict, status: int = 200):
    response = render(request, f"moderation/{template}", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@account_page
@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login(request):
    """Step one: username and password."""
    next_url = otp.safe_next(request)
    user = request.user
    if user.is_authenticated and otp.is_staff_member(user):
        step = otp.pending_step(user)
        return redirect(otp.step_url(step, next_url) if step else next_url)

    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            username, ip = form.cleaned_data["username"], client_ip(request)
            if _locked(form, "password", username, ip):
                status = 429
            else:
                user = authenticate(request, username=username, password=form.cleaned_data["password"])
                if user is None:
                    status = _failed(form, "password", username, ip, WRONG_PASSWORD)
                elif not otp.is_staff_member(user):
                    form.add_error(None, NOT_STAFF)
                    status = 403
                else:
                    otp.clear_failures("password", username, ip)
                    auth_login(request, user)
                    step = otp.pending_step(user)
                    return redirect(otp.step_url(step, next_url) if step else next_url)
    return _page(request, "account_login.html", {"form": form, "next": next_url}, status)


@_sign_in_page
def verify(request):
    """Step two: a code from the authenticator app, or a backup code."""
    next_url = otp.safe_next(request)
    user = request.user
    if not user.is_authenticated:
        return redirect(otp.step_url("login", next_url))
    step = otp.pending_step(user)
    if step is None:
        return redirect(next_url)
    if step == "enrol":
        return redirect(otp.step_url("enrol", next_url))

    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            account, ip = f"user:{user.pk}", client_ip(request)
            if _locked(form, "code", account, ip):
                status = 429
            else:
                result = otp.check_code(user, form.cleaned_data["code"])
                if result.device is None:
                    status = _failed(form, "code", account, ip, result.error, field="code")
                else:
                    otp.clear_failures("code", account, ip)
                    otp.complete(request, result.device)
                    if result.backup_codes_left is not None:
                        _backup_code_used(request, user, result.backup_codes_left)
                    return redirect(next_url)
    return _page(request, "account_verify.html", {"form": form, "next": next_url}, status)


def _backup_code_used(request, user, left: int) -> None:
    record("staff.backup_code_used", actor=user, data={"codes_left": left})
    if left == 0:
        messages.warning(request, "You used your last backup code. Ask a Parley admin to reset your second "
                                  "factor if you lose your phone.")
    else:
        messages.warning(request, f"You signed in with a backup code; it no longer works. {left} backup "
                                  f"code{'s' if left != 1 else ''} left.")


@_sign_in_page
def enrol(request):
    """Set up an authenticator app: scan the QR code (or type the secret), confirm with a first code."""
    next_url = otp.safe_next(request)
    user = request.user
    if not user.is_authenticated:
        return redirect(otp.step_url("login", next_url))
    if not otp.is_staff_member(user):
        raise PermissionDenied(NOT_STAFF)
    if otp.has_device(user):
        if otp.pending_step(user) == "verify":
            return redirect(otp.step_url("verify", next_url))
        messages.info(request, "Your authenticator app is already set up.")
        return redirect(next_url)

    device = otp.enrolment_device(user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            account, ip = f"user:{user.pk}", client_ip(request)
            if _locked(form, "code", account, ip):
                status = 429
            elif _confirms(device, form.cleaned_data["code"]):
                otp.clear_failures("code", account, ip)
                codes = otp.confirm_enrolment(device)
                otp.complete(request, device)
                record("staff.second_factor_enrolled", actor=user, data={"device": device.persistent_id,
                                                                         "backup_codes": len(codes)})
                return _page(request, "account_backup_codes.html", {"codes": codes, "next": next_url})
            else:
                status = _failed(form, "code", account, ip, "That code does not match. Check that the app shows "
                                 "Parley and the time on your phone is right, then enter the newest code.",
                                 field="code")
    uri = otp.otpauth_uri(device)
    context = {"form": form, "next": next_url, "qr_svg": otp.qr_svg(uri), "secret": otp.secret_groups(device),
               "uri": uri, "issuer": otp.ISSUER}
    return _page(request, "account_enrol.html", context, status)


def _confirms(device, code: str) -> bool:
    code = otp.normalise(code)
    if not (code.isdigit() and len(code) == device.digits):
        return False
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        return locked.verify_token(code)


@_sign_in_page
def logout(request):
    """Sign out (POST); the page asks first."""
    if request.method == "POST":
        auth_logout(request)
        messages.success(request, "You have signed out.")
        return redirect(otp.step_url("login", otp.DEFAULT_NEXT))
    if not request.user.is_authenticated:
        return redirect(otp.step_url("login", otp.DEFAULT_NEXT))
    return _page(request, "account_logout.html", {})
