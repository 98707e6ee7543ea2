"""The transparency report (DSA Art. 15) for a period and sites: /moderate/transparency/ as HTML, and with
``?format=json`` or ``?format=csv`` as a file for the regulator or a spreadsheet.

The figures are ``reports.transparency_report``'s, plus the statements counted by rule and ground. JSON keeps their
shape; CSV flattens it into ``section,item,breakdown,value`` rows. A bad filter is a 400: a problem JSON for the
JSON format, a plain message for CSV, the page with the message for HTML.
"""

from __future__ import annotations

import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from parley.apps.moderation import reports, tdb
from parley.apps.moderation.access import allowed, requires
from parley.apps.moderation.grounds import rule_label
from parley.apps.moderation.models import RestrictionKind, StatementAction
from parley.apps.moderation.notices import reason_label
from parley.apps.moderation.views.dashboard import FilterError, ReportFilter, parse_filter
from parley.errors import problem

FORMATS = ("html", "json", "csv")
GROUND_LABELS = {tdb.ILLEGAL_CONTENT: "Illegal content", tdb.INCOMPATIBLE_CONTENT: "Incompatible with the terms"}
SOURCE_LABELS = {
    tdb.SOURCE_ARTICLE_16: "Notice from a reader (Art. 16 DSA)",
    tdb.SOURCE_TRUSTED_FLAGGER: "Trusted flagger",
    tdb.SOURCE_OTHER_NOTIFICATION: "Other notification (e.g. a removal order)",
    tdb.SOURCE_VOLUNTARY: "Own initiative",
}
AUTOMATION_LABELS = {tdb.AUTOMATED_FULLY: "Fully automated", tdb.AUTOMATED_PARTIALLY: "Partly automated",
                     tdb.NOT_AUTOMATED: "Not automated (a moderator decided)"}


def build_report(flt: ReportFilter) -> dict:
    """The report's figures for ``flt``, with what they cover first."""
    figures = reports.transparency_report(flt.sites, flt.start, flt.end)
    figures["statements"]["by_rule_and_ground"] = reports.statements_by_rule_and_ground(flt.sites, flt.start,
                                                                                         flt.end)
    return {
        "report": "transparency",
        "first_day": flt.first_day.isoformat(),
        "last_day": flt.last_day.isoformat(),
        "sites": flt.site_slugs or [site.slug for site in flt.visible],
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        **figures,
    }


def _filename(flt: ReportFilter, extension: str) -> str:
    scope = "-".join(flt.site_slugs) or "all-sites"
    return f"transparency-{scope}-{flt.first_day.isoformat()}-to-{flt.last_day.isoformat()}.{extension}"


def flatten(data, path: tuple = ()) -> list[tuple[tuple, object]]:
    """Nested dicts as ``(path, value)`` leaves, in order; lists become ``;``-joined text."""
    if isinstance(data, dict):
        out = []
        for key, value in data.items():
            out += flatten(value, (*path, str(key)))
        return out
    if isinstance(data, list | tuple):
        return [(path, ";".join(str(v) for v in data))]
    return [(path, data)]


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(report: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "item", "breakdown", "value"])
    meta = {key: report[key] for key in ("first_day", "last_day", "sites", "generated_at")}
    body = {key: value for key, value in report.items() if key not in meta and key not in ("report", "period")}
    for path, value in flatten({"report": meta}) + flatten(body):
        section, item, rest = path[0], path[1] if len(path) > 1 else "", ".".join(path[2:])
        writer.writerow([_cell(section), _cell(item), _cell(rest), _cell(value)])
    return out.getvalue()


def category_label(category: str) -> str:
    """``STATEMENT_CATEGORY_OTHER_VIOLATION_TC`` as "Other violation of the terms"."""
    words = category.removeprefix("STATEMENT_CATEGORY_").replace("VIOLATION_TC", "VIOLATION_OF_THE_TERMS")
    return words.replace("_", " ").capitalize()


def _named(counts: dict, label) -> list[tuple[str, int]]:
    return sorted(((label(key), n) for key, n in counts.items()), key=lambda row: (-row[1], row[0]))


def page_context(report: dict, site=None) -> dict:
    """The report's tables with readable labels, for the template."""
    statements = report["statements"]
    grounds = list(GROUND_LABELS)
    crosstab = [
        {"rule": rule_label(rule, site) if rule else "No rule named",
         "counts": [counts.get(g, 0) for g in grounds], "total": sum(counts.values())}
        for rule, counts in statements["by_rule_and_ground"].items()
    ]
    crosstab.sort(key=lambda row: (-row["total"], row["rule"]))
    return {
        "ground_labels": [GROUND_LABELS[g] for g in grounds],
        "ground_totals": [statements["by_decision_ground"].get(g, 0) for g in grounds],
        "crosstab": crosstab,
        "by_action": _named(statements["by_action"], lambda key: StatementAction(key).label),
        "by_category": _named(statements["by_category"],
                              category_label),
        "by_source": _named(statements["by_source_type"], lambda key: SOURCE_LABELS.get(key, key)),
        "by_automation": _named(statements["automated_decision"], lambda key: AUTOMATION_LABELS.get(key, key)),
        "notice_reasons": _named(report["notices"]["by_reason"], lambda key: reason_label(key, site)),
        "restrictions": _named(report["restrictions"], lambda key: RestrictionKind(key).label),
        "appeals_decided": report["appeals"]["upheld"] + report["appeals"]["reversed"],
    }


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _percent(rate) -> str:
    return "–" if rate is None else f"{rate * 100:.1f} %"


@requires("reports")
@require_safe
def transparency(request):
    fmt = request.GET.get("format", "").strip().lower() or "html"
    if fmt not in FORMATS:
        return HttpResponse(f"Unknown format \u201c{fmt[:20]}\u201d: use html, json or csv.", status=400,
                            content_type="text/plain; charset=utf-8")
    try:
        flt = parse_filter(request)
    except FilterError as error:
        if fmt == "json":
            return problem(400, str(error), title="Invalid report period or site")
        if fmt == "csv":
            return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
        return render(request, "moderation/transparency.html",
                      {"active": "transparency", "error": str(error), "values": request.GET,
                       "sites": reports.visible_sites(request.user).order_by("name")}, status=400)
    report = build_report(flt)
    if fmt == "json":
        response = HttpResponse(json.dumps(report, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{_filename(flt, "json")}"'
        return response
    if fmt == "csv":
        response = HttpResponse(to_csv(report), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{_filename(flt, "csv")}"'
        return response
    site = flt.chosen[0] if len(flt.chosen) == 1 else None
    decisions = report["decisions"]
    context = {
        "active": "transparency",
        "flt": flt,
        "sites": flt.visible,
        "values": {"start": flt.first_day.isoformat(), "end": flt.last_day.isoformat(),
                   "site": flt.site_slugs[0] if flt.site_slugs else ""},
        "report": report,
        "json_query": flt.query(format="json"),
        "csv_query": flt.query(format="csv"),
        "export_query": flt.query() if allowed(request.user, "export") else "",
        "automatic_share": _percent(decisions["automatic_share"]),
        "overturn_rate": _percent(decisions["overturn_rate"]),
        "statements_reversed_rate": _percent(report["automated_statements_reversed"]["rate"]),
        "appeals_reversed_rate": _percent(_share(report["appeals"]["reversed"],
                                                 report["appeals"]["upheld"] + report["appeals"]["reversed"])),
        **page_context(report, site),
    }
    return render(request, "moderation/transparency.html", context)
