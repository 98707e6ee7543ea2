"""``parley seed-demo``: the demo site, its articles and discussion, a moderator login and an API token."""

from django.core.management.base import BaseCommand

from parley.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Create the demo site (The Levant Ledger) with articles, comments, a moderator and an API token."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="The moderator's password (default: a random one, printed).")
        parser.add_argument("--reset", action="store_true",
                            help="Set a new moderator password on an existing demo; nothing is deleted.")
        parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="Where Parley is served.")

    def handle(self, *args, password, reset, base_url, **options):
        result = seed_demo(password=password, reset=reset)
        site, base = result.site, base_url.rstrip("/")
        out = self.stdout.write
        if result.seeded:
            comments = sum(article.comments.count() for article in site.articles.all())
            out(self.style.SUCCESS(
                f"Created the demo site {site.name!r} ({site.slug}): {site.articles.count()} articles, "
                f"{comments} comments."))
        else:
            out(f"The demo site {site.name!r} ({site.slug}) already exists; its articles and comments are unchanged.")

        article = result.featured_article
        out("")
        out(f"  Home:           {base}/")
        if article is not None:
            out(f"  Comments page:  {base}{article.get_absolute_url()}")
        out(f"  Staff login:    {base}/moderate/account/login/")
        out(f"  Admin:          {base}/admin/")
        out(f"  Sitemap:        {base}/sitemap.xml")
        out(f"  API docs:       {base}/api/v1/docs")
        if article is not None:
            out(f"  Embed example:  {base}/embed/{site.slug}/{article.pk}/")
        out("")
        if result.password:
            out(f"Moderator login: {result.moderator.username} / {result.password}")
        else:
            out(f"Moderator login: {result.moderator.username} (password unchanged; "
                "run `parley seed-demo --reset` to set a new one)")
        if result.backup_codes:
            out("  Second step: one of these backup codes (each works once): " + " ".join(result.backup_codes))
            out(f"  or a code from an authenticator app given this key: {result.otpauth_uri}")
        else:
            out("  Second step: the backup codes and authenticator key printed when the demo moderator was "
                "created (`--reset` makes new ones)")
        if result.token:
            out(f"API token for {site.slug} (shown once): {result.token}")
        else:
            out(f"API token: issued when the demo was first created; make another at {base}/admin/articles/apitoken/")
