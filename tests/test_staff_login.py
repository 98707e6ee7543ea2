"""Staff two-factor login: the password step, then a code from an authenticator app or a single-use backup code;
enrolment; the cap on failed attempts; unverified sessions kept out of /moderate/, /admin/ and the staff API."""

import re
import time
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.http import HttpResponse
from django.urls import path
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from ninja import NinjaAPI

from parley.apps.articles.models import Site
from parley.apps.moderation import otp
from parley.apps.moderation.access import StaffSession, account_page, capability_of, requires
from parley.apps.moderation.models import AuditEvent, SiteModerator
from parley.urls import urlpatterns as parley_urlpatterns
from tests.workspace import admin, analyst, moderator

LOGIN, VERIFY, ENROL, LOGOUT = ("/moderate/account/login/", "/moderate/account/verify/", "/moderate/account/enrol/",
                                "/moderate/account/logout/")
PROBE = "/moderate/probe/"  # a workspace page that needs the "moderate" capability


@requires("moderate")
def probe(request):
    return HttpResponse("the workspace")


staff_api = NinjaAPI(urls_namespace="staff-login-test", docs_url=None)


@staff_api.get("/reports", auth=StaffSession("reports"))
def staff_report(request):
    return {"user": request.auth.get_username()}


# This module is also the URLconf of its tests: Parley's URLs, a probe page and a staff API route.
urlpatterns = [path("moderate/probe/", probe, name="probe"), path("test-api/", staff_api.urls),
               *parley_urlpatterns]
pytestmark = pytest.mark.urls(__name__)


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the person's authenticator app shows now (or ``steps_ahead`` periods later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def mod(site):
    user = moderator(site)
    user.set_password("harbour-lights-42")
    user.save()
    return user


@pytest.fixture
def app_device(mod):
    return TOTPDevice.objects.create(user=mod, name="Authenticator app", confirmed=True)


def sign_in(client, username="tomas.mod", password="harbour-lights-42", next_url=PROBE, **extra):
    return client.post(LOGIN, {"username": username, "password": password, "next": next_url}, **extra)


# --- the two steps


def test_password_then_code_reaches_the_workspace(client, mod, app_device):
    page = client.get(f"{LOGIN}?next={PROBE}")
    assert page.status_code == 200 and "Step 1 of 2" in page.content.decode()
    response = sign_in(client)
    assert response.status_code == 302 and response["Location"] == f"{VERIFY}?next=%2Fmoderate%2Fprobe%2F"
    assert client.get(PROBE)["Location"].startswith(VERIFY)  # signed in, but not yet verified

    page = client.get(response["Location"])
    assert page.status_code == 200 and "authenticator app" in page.content.decode()
    response = client.post(response["Location"], {"code": code_for(app_device), "next": PROBE})
    assert response.status_code == 302 and response["Location"] == PROBE
    assert client.get(PROBE).content == b"the workspace"
    assert client.get(LOGIN)["Location"] == "/moderate/"  # already signed in


def test_wrong_password_and_wrong_code_are_refused_with_a_clear_message(client, mod, app_device, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    response = sign_in(client, password="not-the-password")
    assert response.status_code == 400
    assert "do not match a staff account" in response.content.decode()
    assert client.get(PROBE)["Location"].startswith(LOGIN)

    sign_in(client)
    wrong = f"{(int(code_for(app_device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 400 and "That code is not valid" in response.content.decode()
    response = client.post(VERIFY, {"code": "   "})
    assert response.status_code == 400
    assert client.get(PROBE)["Location"].startswith(VERIFY)
    response = client.post(VERIFY, {"code": code_for(app_device)})
    assert response.status_code == 302 and client.get(PROBE).status_code == 200


def test_a_code_is_accepted_once(client, mod, app_device, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    code = code_for(app_device)
    sign_in(client)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post(LOGOUT)
    sign_in(client)
    assert client.post(VERIFY, {"code": code}).status_code == 400  # replayed
    assert client.post(VERIFY, {"code": code_for(app_device, steps_ahead=1)}).status_code == 302


def test_the_next_address_must_stay_on_this_site(client, mod, app_device):
    response = sign_in(client, next_url="https://elsewhere.example/phish")
    assert response["Location"] == f"{VERIFY}?next=%2Fmoderate%2F"
    response = client.post(VERIFY, {"code": code_for(app_device), "next": "//elsewhere.example/"})
    assert response["Location"] == "/moderate/"


def test_readers_cannot_use_the_staff_login(client, db):
    User.objects.create_user("mara", password="a-reader-password-1")
    response = sign_in(client, username="mara", password="a-reader-password-1")
    assert response.status_code == 403 and "no access to the moderation workspace" in response.content.decode()
    assert "_auth_user_id" not in client.session


# --- the cap on failed attempts


def test_failed_passwords_are_capped_per_account_and_address(client, mod, app_device):
    for attempt in range(otp.MAX_FAILURES - 1):
        assert sign_in(client, password=f"guess-{attempt}").status_code == 400
    last = sign_in(client, password="guess-last")
    assert last.status_code == 429 and "try again in 15 minutes" in last.content.decode()
    locked = sign_in(client)  # even the right password, for the rest of the window
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    # another address, and another account from this address, are not locked out
    assert sign_in(client, REMOTE_ADDR="203.0.113.9").status_code == 302
    client.post(LOGOUT)
    moderator(username="ines.other")
    assert sign_in(client, username="ines.other", password="wrong").status_code == 400


def test_failed_codes_are_capped_too(client, mod, app_device, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    sign_in(client)
    for attempt in range(otp.MAX_FAILURES - 1):
        assert client.post(VERIFY, {"code": f"00000{attempt}"}).status_code == 400
    response = client.post(VERIFY, {"code": "000009"})
    assert response.status_code == 429
    response = client.post(VERIFY, {"code": code_for(app_device)})
    assert response.status_code == 429 and "try again in" in response.content.decode()
    assert client.get(PROBE)["Location"].startswith(VERIFY)


def test_the_device_slows_down_fast_guessing(client, mod, app_device, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a minute's wait after a miss
    sign_in(client)
    client.post(VERIFY, {"code": "123456"})
    response = client.post(VERIFY, {"code": code_for(app_device)})  # within the device's back-off after a miss
    assert response.status_code == 400 and "Too many wrong codes in a row" in response.content.decode()


# --- enrolment and backup codes


def test_enrolment_shows_a_qr_code_confirms_a_first_code_and_shows_backup_codes_once(client, mod, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    response = sign_in(client)
    assert response["Location"] == f"{ENROL}?next=%2Fmoderate%2Fprobe%2F"
    assert client.get(PROBE)["Location"].startswith(ENROL)
    assert client.get(VERIFY)["Location"].startswith(ENROL)

    page = client.get(response["Location"]).content.decode()
    device = TOTPDevice.objects.get(user=mod, confirmed=False)
    assert "<svg" in page and otp.secret_groups(device) in page
    assert client.get(ENROL).content.decode().count(otp.secret_groups(device)) == 1  # the same key on reload

    assert client.post(ENROL, {"code": "000000"}).status_code == 400
    response = client.post(ENROL, {"code": code_for(device), "next": PROBE})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert sorted(StaticDevice.objects.get(user=mod).token_set.values_list("token", flat=True)) == sorted(codes)
    assert AuditEvent.objects.filter(action="staff.second_factor_enrolled", actor=mod).exists()
    assert client.get(PROBE).status_code == 200  # verified by the first code
    assert client.get(ENROL)["Location"] == "/moderate/"  # nothing to set up again; the codes are not shown again


def test_a_backup_code_works_once(client, mod, app_device, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    codes = otp.issue_backup_codes(mod)
    sign_in(client)
    response = client.post(VERIFY, {"code": codes[3].upper()[:4] + " " + codes[3][4:]}, follow=True)
    assert response.status_code == 200 and "9 backup codes left" in response.content.decode()
    assert AuditEvent.objects.filter(action="staff.backup_code_used", actor=mod).exists()
    client.post(LOGOUT)

    sign_in(client)
    response = client.post(VERIFY, {"code": codes[3]})
    assert response.status_code == 400 and "not valid" in response.content.decode()
    assert client.post(VERIFY, {"code": codes[4]}).status_code == 302


# --- unverified sessions are kept out


def test_unverified_staff_are_kept_out_of_the_workspace_and_the_admin(client, mod, app_device):
    boss = admin()
    TOTPDevice.objects.create(user=boss, name="Authenticator app", confirmed=True)
    client.force_login(boss)  # a password-only session
    assert client.get(PROBE)["Location"].startswith(VERIFY)
    response = client.get("/admin/comments/comment/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert client.get(response["Location"])["Location"] == f"{VERIFY}?next=%2Fadmin%2Fcomments%2Fcomment%2F"
    assert client.get("/admin/").status_code == 302
    assert client.post("/admin/comments/comment/", {"action": "approve"}).status_code == 302

    # an action sent from a page comes back to that page after the code step
    response = client.post(PROBE, HTTP_REFERER="http://testserver/moderate/pending/?page=2")
    assert response["Location"] == f"{VERIFY}?next=%2Fmoderate%2Fpending%2F%3Fpage%3D2"

    client.force_login(moderator(username="new.mod"))  # no device yet: set one up first
    assert client.get(PROBE)["Location"].startswith(ENROL)
    assert client.get("/admin/login/?next=/admin/")["Location"] == f"{ENROL}?next=%2Fadmin%2F"


def test_admin_signs_in_through_the_staff_login(client, db, verified_login):
    response = client.get("/admin/")
    assert response["Location"] == "/admin/login/?next=/admin/"
    assert client.get(response["Location"])["Location"] == f"{LOGIN}?next=%2Fadmin%2F"
    boss = admin()
    boss.is_staff = True  # the Django admin wants is_staff as well
    boss.save()
    verified_login(client, boss)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/")["Location"] == "/admin/"


def test_a_verified_account_without_admin_access_gets_a_403_not_a_loop(client, db, verified_login):
    verified_login(client, analyst())
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_readers_signed_in_get_403_not_a_second_factor(client, db):
    client.force_login(User.objects.create_user("mara", password="a-reader-password-1"))
    assert client.get(PROBE).status_code == 403
    assert client.get(ENROL).status_code == 403


def test_staff_api_routes_need_a_verified_session(client, mod, app_device, verified_login):
    assert client.get("/test-api/reports").status_code == 401
    boss = admin()
    client.force_login(boss)
    assert client.get("/test-api/reports").status_code == 401  # unverified
    verified_login(client, boss)
    assert client.get("/test-api/reports").json() == {"user": "ines.admin"}
    verified_login(client, mod)
    response = client.get("/test-api/reports")
    assert response.status_code == 403 and "analysts" in response.json()["detail"]


def test_without_the_setting_a_password_is_enough(client, mod, settings):
    settings.PARLEY_STAFF_2FA = False
    assert sign_in(client)["Location"] == PROBE
    assert client.get(PROBE).status_code == 200
    mod.is_staff = True
    mod.save()
    assert client.get("/admin/").status_code == 200


# --- signing out, and the declarations


def test_sign_out_is_a_post(client, mod, verified_login):
    verified_login(client, mod)
    page = client.get(LOGOUT)
    assert page.status_code == 200 and "Sign out" in page.content.decode()
    assert client.get(PROBE).status_code == 200
    response = client.post(LOGOUT)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert client.get(PROBE)["Location"].startswith(LOGIN)


def test_the_login_pages_use_csrf(mod, app_device):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert sign_in(strict).status_code == 403
    assert "csrfmiddlewaretoken" in strict.get(LOGIN).content.decode()


def test_account_pages_declare_themselves_and_unknown_capabilities_are_refused():
    from django.urls import resolve

    for url in (LOGIN, VERIFY, ENROL, LOGOUT):
        assert capability_of(resolve(url).func) == "account"
    assert capability_of(account_page(lambda request: None)) == "account"
    with pytest.raises(ValueError, match="unknown capability"):
        requires("everything")
    with pytest.raises(ValueError, match="unknown capability"):
        StaffSession("everything")


# --- create-staff


def test_create_staff_makes_a_moderator_with_sites_and_explains_the_login(client, site, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    out = StringIO()
    call_command("create_staff", "lena.desk", "--role", "moderator", "--site", site.slug, "--email",
                 "lena@newsroom.example", stdout=out)
    text = out.getvalue()
    password = re.search(r"Password: (\S+)", text).group(1)
    assert "/moderate/account/login/" in text and "authenticator app" in text and "backup codes" in text
    user = User.objects.get(username="lena.desk")
    assert user.is_staff and user.groups.filter(name="Moderators").exists()
    assert SiteModerator.objects.filter(user=user, site=site).exists()
    assert AuditEvent.objects.filter(action="moderator.site_granted", actor_label="create-staff").exists()
    assert sign_in(client, username="lena.desk", password=password)["Location"].startswith(ENROL)


def test_create_staff_refuses_unknown_sites_and_duplicates(site):
    with pytest.raises(CommandError, match="No site with the slug nowhere"):
        call_command("create_staff", "ana.lyst2", "--role", "moderator", "--site", "nowhere", stdout=StringIO())
    with pytest.raises(CommandError, match="--site is for moderators"):
        call_command("create_staff", "ana.lyst2", "--role", "analyst", "--site", site.slug, stdout=StringIO())
    call_command("create_staff", "ana.lyst2", "--role", "analyst", "--password", "a-chosen-pw-7", stdout=StringIO())
    with pytest.raises(CommandError, match="already an account"):
        call_command("create_staff", "ana.lyst2", "--role", "analyst", stdout=StringIO())
    assert not Site.objects.filter(slug="nowhere").exists()
