"""parley moderate [--articles ARTICLES.jsonl] [--policy POLICY.toml] INPUT.jsonl|-"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from parley.moderation.engine import Engine
from parley.moderation.jsonl import BATCH_SIZE, InputError, moderate_lines, read_articles, write_results
from parley.moderation.policy import PolicyError, load_policy


class Command(BaseCommand):
    help = "Moderate comments from a JSON-lines file (or - for standard input); one verdict line out per line in."

    def add_arguments(self, parser):
        parser.add_argument("input", help="JSON lines: {id, text, author_name?, article?, parent_text?}, or -")
        parser.add_argument("--articles", help="JSON lines: {id, title, body}; the ids that input lines refer to")
        parser.add_argument("--policy", help="a policy TOML file; what it leaves out comes from the defaults")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, **options):
        try:
            policy = load_policy(options["policy"])
        except (OSError, PolicyError) as error:
            raise CommandError(f"policy: {error}") from None
        articles = {}
        if options["articles"]:
            try:
                with open(options["articles"], encoding="utf-8") as handle:
                    articles = read_articles(handle)
            except (OSError, InputError, UnicodeDecodeError) as error:
                raise CommandError(f"articles: {error}") from None
        started = time.perf_counter()
        engine = Engine(policy=policy).load()
        for rule, reason in engine.load_errors.items():
            self.stderr.write(f"warning: the {rule} check is unavailable ({reason}); comments will be held")
        try:
            stream = sys.stdin if options["input"] == "-" else open(options["input"], encoding="utf-8")
        except OSError as error:
            raise CommandError(f"input: {error}") from None
        with stream:
            count = write_results(
                moderate_lines(stream, engine, articles, policy, batch_size=max(1, options["batch_size"])),
                self.stdout._out,
            )
        elapsed = time.perf_counter() - started
        if options["verbosity"] >= 1:
            self.stderr.write(f"{count} lines in {elapsed:.1f} s")
