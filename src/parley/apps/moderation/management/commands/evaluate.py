"""parley evaluate [--cases DIR] [--data DIR] [--limit N]: the engine's quality, as tables."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from parley.moderation.engine import Engine
from parley.moderation.evaluation import (
    data_sets,
    evaluate_set,
    load_cases,
    run_cases,
    summarise_cases,
)
from parley.moderation.policy import PolicyError, load_policy


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


class Command(BaseCommand):
    help = "Evaluate the moderation engine on the authored cases and on labelled development data."

    def add_arguments(self, parser):
        parser.add_argument("--cases", default="tests/moderation/cases", help="folder of <rule>.jsonl cases")
        parser.add_argument("--data", default="../shared/data", help="folder of labelled data sets")
        parser.add_argument("--limit", type=int, default=1000, help="at most this many samples per data set")
        parser.add_argument("--policy", help="a policy TOML file")
        parser.add_argument("--functionality", action="store_true", help="also break the cases down by functionality")
        parser.add_argument("--failures", type=int, default=0, help="print up to N failed cases per rule")
        parser.add_argument("--skip-data", action="store_true")

    def handle(self, *args, **options):
        try:
            policy = load_policy(options["policy"])
        except (OSError, PolicyError) as error:
            raise CommandError(f"policy: {error}") from None
        engine = Engine(policy=policy).load()
        for rule, reason in engine.load_errors.items():
            self.stderr.write(f"warning: the {rule} check is unavailable ({reason})")
        cases_dir = Path(options["cases"])
        if cases_dir.is_dir():
            cases, articles = load_cases(cases_dir)
            results = run_cases(engine, cases, articles, policy)
            self._table("Authored cases by rule", summarise_cases(results),
                        ["group", "cases", "withheld", "right_rule", "published", "accuracy"])
            if options["functionality"]:
                self._table("Authored cases by functionality", summarise_cases(results, by="functionality"),
                            ["group", "cases", "withheld", "right_rule", "published", "accuracy"])
            if options["failures"]:
                shown: dict[str, int] = {}
                self.stdout.write("\nFailed cases")
                for r in results:
                    if (not r.correct or (r.expect == "withhold" and not r.right_rule)) and \
                            shown.get(r.rule, 0) < options["failures"]:
                        shown[r.rule] = shown.get(r.rule, 0) + 1
                        self.stdout.write(f"  [{r.rule}] expect {r.expect}, got {r.decision} {r.rules}: {r.text[:90]!r}")
        else:
            self.stderr.write(f"no cases folder at {cases_dir}; skipping the authored cases")
        data_dir = Path(options["data"])
        if options["skip_data"]:
            return
        if not data_dir.is_dir():
            self.stderr.write(f"no data folder at {data_dir}; skipping the development data")
            return
        rows = [evaluate_set(engine, data, policy) for data in data_sets(data_dir, options["limit"])]
        self._table("Development data (raw scores; precision/recall at the policy's hold threshold)", rows,
                    ["set", "rule", "n", "positives", "precision", "recall", "auc"])

    def _table(self, title, rows, columns):
        widths = {c: max(len(c), *(len(_fmt(r[c])) for r in rows)) if rows else len(c) for c in columns}
        self.stdout.write(f"\n{title}")
        self.stdout.write("  ".join(c.ljust(widths[c]) for c in columns))
        for row in rows:
            self.stdout.write("  ".join(_fmt(row[c]).ljust(widths[c]) for c in columns))
