"""How the fake-name check treats real and fictional names, per source, and how fast it is.

    .venv/bin/python benchmarks/names_quality.py [--data ../shared/data] [--show 5]
    <build venv>/bin/python benchmarks/names_quality.py --fairness [--per-country 100]

Default: person_names (../shared/data/person_names/names_shared.csv; labels are noisy: many "fictional" entries
are ordinary words or real first names, and "real" celebrities are public figures) – per source, the share of
real names kept (score below ``--hold``) or fictional names caught (at or above it), and the share rejected
(at or above ``--reject``); then load time, resident memory and speed.

``--fairness`` needs names-dataset (a build-time package): for every country it composes full names from
first and last names that training/build_name_table.py held out of model training, "common" (ranked within
the country's top 5000, which the shipped table knows) and "rare" (ranked 5001-30000, mostly unknown to the
table, so the n-gram model decides), and prints the false-flag rate per region and per script.
Asserts nothing; prints tables only.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "training"))

from parley.moderation.checks.names import NameCheck

REGIONS = {
    "Western Europe": "AT BE CH DE FR GB IE IT LU MT NL PT ES",
    "Nordic": "DK FI IS NO SE",
    "Central & Eastern Europe": "AL BG CY CZ EE GR HR HU LT LV MD PL RO RS RU SI SK UA BA ME MK XK BY",
    "Middle East & North Africa": "AE BH DZ EG IL IQ IR JO KW LB LY MA OM PS QA SA SY TN TR YE",
    "Sub-Saharan Africa": "AO BF BI BJ BW CI CM DJ ET GH KE MU MZ NA NG SD SN TZ UG ZA ZM ZW CD CG GA",
    "South Asia": "AF BD IN LK MV NP PK",
    "East Asia": "CN HK JP KR MO TW MN",
    "South-East Asia": "BN ID KH MM MY PH SG TH VN LA",
    "Central Asia & Caucasus": "AM AZ GE KZ KG TJ TM UZ",
    "Americas": "AR BO BR CA CL CO CR DO EC GT HN HT JM MX NI PA PE PR PY SV TT US UY VE CU",
    "Oceania": "AU FJ NZ PG",
}
REGION_OF = {code: region for region, codes in REGIONS.items() for code in codes.split()}


def script_of(name: str) -> str:
    counts = Counter(unicodedata.name(ch, "?").split()[0] for ch in name if ch.isalpha())
    script = counts.most_common(1)[0][0] if counts else "?"
    return {"CJK": "Han", "HIRAGANA": "Japanese kana", "KATAKANA": "Japanese kana"}.get(script, script.title())


def person_names(path: Path, check: NameCheck, hold: float, reject: float, show: int) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    groups: dict[tuple[str, str, str], list[tuple[str, float, str]]] = defaultdict(list)
    started = time.perf_counter()
    for row in rows:
        found = check.assess(row["name"])
        score = found.score if found else 0.0
        groups[(row["label"], row["source"].split("/")[-1], row["name_type"])].append(
            (row["name"], score, found.category if found else "-"))
    elapsed = time.perf_counter() - started
    print(f"\nperson_names: {path} ({len(rows)} rows)")
    print(f"{'label':<10} {'source':<42} {'type':<6} {'n':>6} {'kept/caught':>12} {'rejected':>9}")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (label, source, kind), items in sorted(groups.items()):
        flagged = sum(s >= hold for _, s, _ in items)
        rejected = sum(s >= reject for _, s, _ in items)
        good = len(items) - flagged if label == "real" else flagged
        word = "kept" if label == "real" else "caught"
        print(f"{label:<10} {source[:42]:<42} {kind:<6} {len(items):>6} {good / len(items):>7.1%} {word:<4} "
              f"{rejected / len(items):>8.1%}")
        for key in (label, f"{label} ({kind})"):
            totals[key][0] += len(items)
            totals[key][1] += good
            totals[key][2] += rejected
        if show and label == "real" and flagged:
            wrong = [f"{n} ({c} {s:.2f})" for n, s, c in items if s >= hold][:show]
            print(f"{'':>10} held: {'; '.join(wrong)}")
        if show and label == "fictional" and good < len(items):
            missed = [n for n, s, _ in items if s < hold][:show]
            print(f"{'':>10} missed: {'; '.join(missed)}")
    for key, (n, good, rejected) in sorted(totals.items()):
        word = "kept" if key.startswith("real") else "caught"
        print(f"{'total':<10} {key:<49} {n:>6} {good / n:>7.1%} {word:<4} {rejected / n:>8.1%}")
    print(f"speed: {len(rows) / elapsed:,.0f} names/s, {1000 * elapsed / len(rows):.3f} ms per name (one core)")


def fairness(check: NameCheck, hold: float, per_country: int, seed: int, show: int) -> None:
    from build_name_table import is_heldout, load_dataset, valid

    from parley.moderation.checks.names import ascii_key, name_key

    dataset = load_dataset()
    pools: dict[tuple[str, str, str], list[str]] = defaultdict(list)  # (country, first|last, common|rare)
    for kind, names in (("first", dataset.first_names), ("last", dataset.last_names)):
        for raw, info in names.items():
            if not info.get("rank") or not valid(raw) or " " in raw:
                continue
            if not is_heldout(ascii_key(name_key(raw))):
                continue
            for country, rank in info["rank"].items():
                band = "common" if rank <= 5000 else "rare" if rank <= 30000 else None
                if band:
                    pools[(country, kind, band)].append(raw)
    del dataset
    rng = random.Random(seed)
    table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    by_country: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    by_script: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    examples: dict[str, list[str]] = defaultdict(list)
    countries = sorted({c for c, _, _ in pools})
    for band in ("common", "rare"):
        for country in countries:
            firsts, lasts = pools.get((country, "first", band)), pools.get((country, "last", band))
            if not firsts or not lasts:
                continue
            firsts, lasts = sorted(firsts), sorted(lasts)
            for _ in range(per_country):
                name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
                found = check.assess(name)
                flagged = bool(found and found.score >= hold)
                region = REGION_OF.get(country, "Other")
                for store, key in ((table, (region, band)), (by_country, (country, band)),
                                   (by_script, (script_of(name), band))):
                    store[key][0] += 1
                    store[key][1] += flagged
                if flagged and len(examples[band]) < 40:
                    examples[band].append(f"{name} [{country}] ({found.category} {found.score:.2f})")
    print(f"\nfairness: false-flag rate (score >= {hold}) on held-out real names from names-dataset, "
          f"{per_country} per country and band")
    for title, store in (("region", table), ("script", by_script)):
        print(f"{title:<28} {'common n':>9} {'flagged':>8} {'rare n':>8} {'flagged':>8}")
        for group in sorted({k for k, _ in store}):
            cells = []
            for band in ("common", "rare"):
                n, f = store.get((group, band), [0, 0])
                cells.append(f"{n:>9} {f / n if n else 0:>8.2%}" if n else f"{'':>9} {'':>8}")
            print(f"{group[:28]:<28} {' '.join(cells)}")
        for band in ("common", "rare"):
            n = sum(v[0] for k, v in store.items() if k[1] == band)
            f = sum(v[1] for k, v in store.items() if k[1] == band)
            if title == "region" and n:
                print(f"{'all (' + band + ')':<28} {n:>9} {f / n:>8.2%}")
    worst = sorted(((v[1] / v[0], c, b, v[0]) for (c, b), v in by_country.items() if v[0]), reverse=True)[:10]
    print("countries with the highest rates:", ", ".join(f"{c}/{b} {r:.1%}" for r, c, b, _ in worst))
    for band, items in examples.items():
        if show:
            print(f"flagged ({band}): " + "; ".join(items[:show]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data",
                        help="the shared data folder, the person_names folder, or its CSV")
    parser.add_argument("--hold", type=float, default=0.5)
    parser.add_argument("--reject", type=float, default=0.9)
    parser.add_argument("--show", type=int, default=5, help="examples of mistakes to print per group")
    parser.add_argument("--fairness", action="store_true", help="needs names-dataset installed")
    parser.add_argument("--per-country", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    check = NameCheck()
    check.load()
    load_s = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"load: {load_s:.2f} s, peak resident memory {after / 1024:.0f} MiB "
          f"(+{(after - before) / 1024:.0f} MiB for the check)")

    if args.fairness:
        fairness(check, args.hold, args.per_country, args.seed, args.show)
        return
    path = args.data
    if path.is_dir():
        path = path / "names_shared.csv" if (path / "names_shared.csv").exists() else \
            path / "person_names" / "names_shared.csv"
    if not path.exists():
        sys.exit(f"no person_names data at {path}")
    person_names(path, check, args.hold, args.reject, args.show)


if __name__ == "__main__":
    main()
