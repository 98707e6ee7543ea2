"""``parley import-feed URL_OR_FILE --site SLUG``: create or update a site's articles from RSS or Atom."""

import sys

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from parley.apps.articles import feeds
from parley.apps.articles.models import Site


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


def not_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


def find_site(slug: str) -> Site:
    site = Site.objects.filter(slug=slug).first()
    if site is None:
        known = ", ".join(Site.objects.order_by("slug").values_list("slug", flat=True))
        raise CommandError(
            f"No site with the slug {slug!r}. "
            + (f"Known sites: {known}." if known else "There are no sites yet; create one in the admin first.")
        )
    return site


class Command(BaseCommand):
    help = "Create or update articles from an RSS or Atom feed (a local file or an http(s) URL)."

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="URL_OR_FILE", help="The feed: a path or an http(s) URL.")
        parser.add_argument("--site", required=True, help="Slug of the site the articles belong to.")
        parser.add_argument("--close-after-days", type=not_negative, metavar="N",
                            help="Close comments N days after each article's publication.")
        parser.add_argument("--limit", type=positive, metavar="N", help="Read only the first N entries.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change, save nothing.")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, source, site, close_after_days, limit, dry_run, quiet, **options):
        site_obj = find_site(site)
        try:
            parsed = feeds.parse_feed(feeds.read_source(source), limit=limit)
        except feeds.FeedError as error:
            raise CommandError(str(error)) from None

        show_progress = not quiet and sys.stderr.isatty()
        with Progress(TextColumn("Importing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=Console(file=sys.stderr), disable=not show_progress, transient=True) as progress:
            task = progress.add_task("import", total=len(parsed.entries))
            result = feeds.import_entries(
                site_obj, parsed.entries, close_after_days=close_after_days, dry_run=dry_run,
                on_entry=lambda entry: progress.advance(task),
            )

        skipped = parsed.skipped + result.skipped
        if options["verbosity"] >= 1:
            for entry in skipped:
                self.stdout.write(self.style.WARNING(f"Skipped {entry.label!r}: {entry.reason}."))
        summary = (f"Imported {result.created} new, updated {result.updated}, skipped {len(skipped)} "
                   f"articles into {site_obj.slug}.")
        if dry_run:
            summary += " (Dry run: nothing was saved.)"
        self.stdout.write(summary)
