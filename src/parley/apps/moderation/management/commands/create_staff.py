"""``parley create-staff``: a staff account in one of the three roles, with its sites, and how to sign in."""

import secrets

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from parley.apps.articles.models import Site
from parley.apps.moderation import otp
from parley.apps.moderation.models import SiteModerator, record
from parley.apps.moderation.permissions import ADMINS, ANALYSTS, MODERATORS

ROLES = {"admin": ADMINS, "moderator": MODERATORS, "analyst": ANALYSTS}


class Command(BaseCommand):
    help = ("Create a staff account in a role (admin, moderator or analyst), give a moderator their sites, and "
            "print how to sign in and set up the second factor.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument("--site", action="append", default=[], metavar="SLUG",
                            help="A site the moderator works on (repeat for more).")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="The first password (default: a random one, printed).")
        parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="Where Parley is served.")

    def handle(self, *args, username, role, site, email, password, base_url, **options):
        if User.objects.filter(username=username).exists():
            raise CommandError(f"There is already an account named {username!r}; choose another name.")
        if site and role != "moderator":
            raise CommandError("--site is for moderators; admins work on every site and analysts on none.")
        slugs = list(dict.fromkeys(site))
        sites = list(Site.objects.filter(slug__in=slugs))
        missing = sorted(set(slugs) - {s.slug for s in sites})
        if missing:
            known = ", ".join(Site.objects.order_by("slug").values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No site with the slug {', '.join(missing)} (sites: {known}).")
        group = Group.objects.filter(name=ROLES[role]).first()
        if group is None:
            raise CommandError(f"The group {ROLES[role]!r} is missing; run `parley migrate` first.")

        chosen = password is not None
        password = password or secrets.token_urlsafe(12)
        with transaction.atomic():
            user = User.objects.create_user(username, email=email, password=password, is_staff=True)
            user.groups.add(group)
            for each in sites:
                SiteModerator.objects.create(user=user, site=each)
                record("moderator.site_granted", actor_label="create-staff", reason=each.slug,
                       data={"user": user.pk, "site": each.pk})
            record("staff.created", actor_label="create-staff", reason=ROLES[role],
                   data={"user": user.pk, "sites": [s.slug for s in sites]})

        base = base_url.rstrip("/")
        out = self.stdout.write
        where = f" on {', '.join(s.name for s in sites)}" if sites else ""
        out(self.style.SUCCESS(f"Created {username} ({ROLES[role]}{where})."))
        if role == "moderator" and not sites:
            out("This moderator has no site yet: a Parley admin gives them one (or run this command with --site).")
        out(f"Password: {password}" + ("" if chosen else " (shown once)"))
        out("")
        out(f"To sign in, open {base}/moderate/account/login/ and enter the username and password.")
        if otp.required():
            out("The first time, Parley asks to set up an authenticator app (FreeOTP, Aegis, Google Authenticator,")
            out("1Password...): scan the QR code, enter the code the app shows, then save the 10 backup codes")
            out("shown once. After that, every sign-in asks for a code from the app (or a backup code).")
