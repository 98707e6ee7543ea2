"""``parley reindex-articles [--site SLUG] [--all]``: rebuild article embeddings for related articles.

After the encoder model changes, every stored vector carries the old model's fingerprint and is stale; this
embeds those articles again (and articles that never got a vector), in batches, with a progress bar.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from parley.apps.articles import related
from parley.apps.articles.management.commands.import_feed import find_site, positive
from parley.apps.articles.models import Article


class Command(BaseCommand):
    help = "Embed articles again for related articles: those with no vector or one made by another model."

    def add_arguments(self, parser):
        parser.add_argument("--site", metavar="SLUG", help="Only this site's articles.")
        parser.add_argument("--all", dest="everything", action="store_true", help="Embed every article, not only the stale ones.")
        parser.add_argument("--batch-size", type=positive, default=64, metavar="N",
                            help="Articles embedded per batch (default 64).")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, site, everything, batch_size, quiet, **options):
        from parley.moderation.encoder import Encoder, EncoderModelMissing

        site_obj = find_site(site) if site else None
        encoder = Encoder(threads=2)
        try:
            encoder.load()
        except EncoderModelMissing as error:
            raise CommandError(f"The sentence encoder model is missing, so no article can be embedded: {error}")
        fingerprint = related.encoder_fingerprint(encoder)
        if everything:
            articles = Article.objects.order_by("pk")
            if site_obj is not None:
                articles = articles.filter(site=site_obj)
        else:
            articles = related.stale_embeddings(site_obj, fingerprint)
        total = articles.count()

        show_progress = not quiet and sys.stderr.isatty()
        with Progress(TextColumn("Embedding articles"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=Console(file=sys.stderr), disable=not show_progress, transient=True) as progress:
            task = progress.add_task("reindex", total=total)
            done = related.reindex(articles, encoder=encoder, batch_size=batch_size,
                                   progress=lambda n: progress.advance(task, n))
        related.forget_indexes()
        where = f" of {site_obj.slug}" if site_obj else ""
        self.stdout.write(f"Embedded {done} article{'s' if done != 1 else ''}{where} with {fingerprint}.")
