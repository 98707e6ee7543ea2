"""Print the transparency report, or the statements of reasons in Transparency Database fields, as JSON."""

import json
from datetime import date, datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from parley.apps.articles.models import Site
from parley.apps.moderation import reports, statements


def _day(value: str | None):
    if not value:
        return None
    try:
        return timezone.make_aware(datetime.combine(date.fromisoformat(value), time.min))
    except ValueError:
        raise CommandError(f"{value!r} is not a date written YYYY-MM-DD") from None


class Command(BaseCommand):
    help = ("Print the transparency report for a period (DSA Art. 15) as JSON, or with --statements the "
            "statements of reasons in Transparency Database field names.")

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", help="First day, YYYY-MM-DD (default: the beginning).")
        parser.add_argument("--to", dest="end", help="Day after the last, YYYY-MM-DD (default: now).")
        parser.add_argument("--site", action="append", help="A site's slug (repeat for several; default: all).")
        parser.add_argument("--statements", action="store_true", help="Export the statements instead.")

    def handle(self, *args, **options):
        start, end = _day(options["start"]), _day(options["end"])
        if start and end and end <= start:
            raise CommandError("--to must be after --from")
        sites = None
        if options["site"]:
            sites = list(Site.objects.filter(slug__in=options["site"]))
            missing = set(options["site"]) - {s.slug for s in sites}
            if missing:
                raise CommandError(f"no such site: {', '.join(sorted(missing))}")
        if options["statements"]:
            self.stdout.write(statements.export_json(reports.statements_for_export(sites, start, end)))
        else:
            self.stdout.write(json.dumps(reports.transparency_report(sites, start, end), indent=2))
