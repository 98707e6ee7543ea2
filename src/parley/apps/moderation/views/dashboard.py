"""The moderation dashboard (/moderate/dashboard/), and the period-and-site filter every reporting page shares.

The filter reads ``start`` and ``end`` (first and last day, YYYY-MM-DD, both included; default the last 30 days),
``site`` (a site's slug, repeatable; default every site the user may read) and, on the dashboard, ``by`` (``day`` or
``week``). A bad value is refused with a 400 that says what to write instead.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from parley.apps.articles.models import Site
from parley.apps.comments.models import Status
from parley.apps.moderation import charts, reports
from parley.apps.moderation.access import requires
from parley.apps.moderation.grounds import rule_label

DEFAULT_DAYS = 30
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
MAX_DAYS = {"day": 366, "week": 3660}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

STATUS_COLORS = {Status.PUBLISHED: "#009E73", Status.PENDING: "#E69F00", Status.REJECTED: "#D55E00",
                 Status.DELETED: "#777777"}
AUTOMATIC_COLOR, HUMAN_COLOR = "#0072B2", "#CC79A7"


class FilterError(ValueError):
    """A filter value the reporting pages cannot use; the message says what to write instead."""


@dataclass(frozen=True)
class ReportFilter:
    first_day: date
    last_day: date
    by: str
    chosen: tuple  # the sites picked (empty: every site the user may read)
    visible: tuple  # every site the user may read
    all_sites: bool  # the user may read every site, so "all" needs no site condition

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first_day, time.min))

    @property
    def end(self) -> datetime:
        """The end of the period, exclusive: midnight after the last day."""
        return timezone.make_aware(datetime.combine(self.last_day + timedelta(days=1), time.min))

    @property
    def sites(self):
        """For the ``reports`` functions: None (every site) or the sites to count."""
        if self.chosen:
            return list(self.chosen)
        return None if self.all_sites else list(self.visible)

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def site_slugs(self) -> list[str]:
        return [site.slug for site in self.chosen]

    @property
    def sites_label(self) -> str:
        if self.chosen:
            return ", ".join(site.name for site in self.chosen)
        return "All sites" if self.all_sites else "All your sites"

    def params(self, **extra) -> list[tuple[str, str]]:
        params = [("start", self.first_day.isoformat()), ("end", self.last_day.isoformat())]
        params += [("site", slug) for slug in self.site_slugs]
        params += [(key, value) for key, value in extra.items() if value]
        return params

    def query(self, **extra) -> str:
        return urlencode(self.params(**extra))


def _day(request, name: str, label: str) -> date | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    if not _ISO_DAY.fullmatch(value):
        raise FilterError(f"The {label} date \u201c{value[:40]}\u201d is not a date: write it as YYYY-MM-DD, "
                          "for example 2026-03-01.")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"The {label} date {value} does not exist in the calendar.") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise FilterError(f"The {label} date {value} is out of range: reports cover {FIRST_DAY.year} to "
                          f"{LAST_DAY.year}.")
    return day


def parse_filter(request, *, with_by: bool = False) -> ReportFilter:
    """The filter in ``request.GET``; raises ``FilterError`` with a message for the user."""
    today = timezone.localdate()
    first, last = _day(request, "start", "start"), _day(request, "end", "end")
    if last is None:
        last = max(today, first) if first else today
    if first is None:
        first = min(last, today) - timedelta(days=DEFAULT_DAYS - 1)
    if last < first:
        raise FilterError(f"The end date ({last.isoformat()}) is before the start date ({first.isoformat()}).")
    by = request.GET.get("by", "").strip() or "day"
    if with_by:
        if by not in MAX_DAYS:
            raise FilterError(f"\u201c{by[:20]}\u201d is not a way to group the figures: choose day or week.")
        if (last - first).days + 1 > MAX_DAYS[by]:
            hint = " Choose by week for a longer period." if by == "day" else ""
            raise FilterError(f"Show at most {MAX_DAYS[by]} days by {by}.{hint}")
    visible_qs = reports.visible_sites(request.user)
    visible = tuple(visible_qs.order_by("name"))
    wanted = [slug.strip() for slug in request.GET.getlist("site") if slug.strip()]
    by_slug = {site.slug: site for site in visible}
    unknown = [slug for slug in wanted if slug not in by_slug]
    if unknown:
        raise FilterError(f"There is no site \u201c{unknown[0][:60]}\u201d among the sites you can read reports on.")
    chosen = tuple(dict.fromkeys(by_slug[slug] for slug in wanted))
    all_sites = len(visible) == Site.objects.count()
    return ReportFilter(first, last, by if with_by else "day", chosen, visible, all_sites)


# --- buckets of days


def bucket_start(day: date, by: str) -> date:
    return day - timedelta(days=day.weekday()) if by == "week" else day


def buckets(flt: ReportFilter) -> list[date]:
    step = 7 if flt.by == "week" else 1
    day, out = bucket_start(flt.first_day, flt.by), []
    while day <= flt.last_day:
        out.append(day)
        day += timedelta(days=step)
    return out


def bucket_labels(days: list[date], flt: ReportFilter) -> list[str]:
    with_year = flt.first_day.year != flt.last_day.year
    return [f"{d.day} {d:%b}" + (f" {d:%Y}" if with_year else "") for d in days]


def roll_up(per_day: dict[str, dict], flt: ReportFilter) -> dict[date, Counter]:
    """``{"2026-03-02": {key: n}}`` summed into buckets."""
    out: dict[date, Counter] = {}
    for day, counts in per_day.items():
        key = bucket_start(date.fromisoformat(day), flt.by)
        out.setdefault(key, Counter()).update(counts)
    return out


# --- the dashboard


def _describe_total(what: str, flt: ReportFilter, totals: list[tuple[str, float]], unit: str) -> str:
    whole = sum(v for _, v in totals)
    span = (f"one bar per {flt.by} from {flt.first_day:%d %B %Y} to {flt.last_day:%d %B %Y}")
    if not whole:
        return f"{what}, {span}. There were none in this period."
    listed = ", ".join(f"{name} {charts.format_count(v)}" for name, v in totals if v)
    return f"{what}, {span}. {charts.format_count(whole)} {unit} in all: {listed}."


def dashboard_charts(flt: ReportFilter, site=None) -> dict:
    """The figures and charts of the dashboard for ``flt``."""
    days = buckets(flt)
    labels = bucket_labels(days, flt)
    keys = [d.isoformat() for d in days]
    header = "Week of" if flt.by == "week" else "Day"
    volumes = reports.volumes(flt.sites, flt.start, flt.end)

    by_status = roll_up(volumes["by_status"], flt)
    status_series = [charts.Series(Status(status).label, [by_status.get(d, Counter())[status] for d in days],
                                   STATUS_COLORS[status]) for status in STATUS_COLORS]
    status_chart = charts.stacked_bar_chart(
        "chart-status", "Comments posted, by their status now",
        _describe_total("Stacked bar chart of the comments posted", flt,
                        [(s.name, sum(s.values)) for s in status_series], "comments"),
        keys, status_series, labels=labels, y_label="Comments", category_header=header)

    by_rule = roll_up(volumes["by_rule"], flt)
    rule_totals = Counter()
    for counts in by_rule.values():
        rule_totals.update(counts)
    rules = [rule for rule, _ in sorted(rule_totals.items(), key=lambda item: (-item[1], item[0]))]
    rule_series = [charts.Series(rule_label(rule, site), [by_rule.get(d, Counter())[rule] for d in days])
                   for rule in rules]
    rule_chart = charts.stacked_bar_chart(
        "chart-rules", "Comments flagged by the automatic checks, by main rule",
        _describe_total("Stacked bar chart of the comments the automatic checks flagged, by the rule that "
                        "weighed most", flt, [(s.name, sum(s.values)) for s in rule_series], "comments"),
        keys, rule_series, labels=labels, y_label="Comments", category_header=header,
        empty_message="No comment was flagged in this period.")

    totals = reports.decisions(flt.sites, flt.start, flt.end)
    share_chart = charts.donut_chart(
        "chart-share", "Who decided",
        (f"Donut chart of the {totals['automatic'] + totals['human']} decisions on comments in the period: "
         f"{totals['automatic']} taken automatically by the checks, {totals['human']} by moderators."),
        [("Automatically", totals["automatic"]), ("By moderators", totals["human"])],
        colors=[AUTOMATIC_COLOR, HUMAN_COLOR], center_label="decisions",
        empty_message="No decisions.")

    series = reports.decision_series(flt.sites, flt.start, flt.end, bucket=lambda d: bucket_start(d, flt.by))
    empty = {"automatic": 0, "human": 0, "overturned": 0, "overturn_rate": None,
             "median_hours_to_decision": {"all": None, "automatic": None, "human": None}}
    rows = [series.get(key, empty) for key in keys]
    decisions_series = [
        charts.Series("Automatically", [r["automatic"] for r in rows], AUTOMATIC_COLOR),
        charts.Series("By moderators", [r["human"] for r in rows], HUMAN_COLOR),
    ]
    decisions_chart = charts.stacked_bar_chart(
        "chart-decisions", f"Decisions per {flt.by}, automatic and by moderators",
        _describe_total("Stacked bar chart of the decisions (publish, decline, delete)", flt,
                        [(s.name, sum(s.values)) for s in decisions_series], "decisions"),
        keys, decisions_series, labels=labels, y_label="Decisions", category_header=header)
    wait_chart = charts.line_chart(
        "chart-wait", "Median time from posting to decision",
        (f"Line chart, one point per {flt.by} with decisions on held comments: the median number of hours from "
         "posting to the decision, for automatic decisions and for moderators' decisions. Over the whole period: "
         f"{_hours_text(totals['median_hours_to_decision']['automatic'])} automatically, "
         f"{_hours_text(totals['median_hours_to_decision']['human'])} by moderators."),
        keys,
        [charts.Series("Automatic", [r["median_hours_to_decision"]["automatic"] for r in rows], AUTOMATIC_COLOR),
         charts.Series("Moderators", [r["median_hours_to_decision"]["human"] for r in rows], HUMAN_COLOR)],
        labels=labels, y_label="Hours", category_header=header, empty_message="No held comment was decided.")
    overturn_chart = charts.line_chart(
        "chart-overturn", "Automatic decisions overturned by moderators",
        (f"Line chart, one point per {flt.by} with automatic decisions: the percentage of them a moderator later "
         f"reversed. Over the whole period: {_percent_text(totals['overturn_rate'])} "
         f"({totals['automatic_overturned']} of {totals['automatic']})."),
        keys,
        [charts.Series("Overturned", [None if r["overturn_rate"] is None else r["overturn_rate"] * 100
                                      for r in rows], "#D55E00")],
        labels=labels, y_label="% of automatic decisions", category_header=header, fmt=charts.format_percent,
        y_max=100, empty_message="No automatic decisions.")
    return {
        "totals": totals,
        "posted": sum(sum(s.values) for s in status_series),
        "automatic_share": _percent_text(totals["automatic_share"], empty="–"),
        "overturn_rate": _percent_text(totals["overturn_rate"], empty="–"),
        "charts": [status_chart, rule_chart, share_chart, decisions_chart, wait_chart, overturn_chart],
    }


def _hours_text(hours) -> str:
    return "no figure" if hours is None else f"{charts.format_number(hours)} hours"


def _percent_text(rate, empty: str = "no figure") -> str:
    return empty if rate is None else charts.format_percent(round(rate * 100, 1))


@requires("reports")
@require_safe
def dashboard(request):
    context = {"active": "dashboard", "by_choices": [("day", "Day"), ("week", "Week")]}
    try:
        flt = parse_filter(request, with_by=True)
    except FilterError as error:
        context.update(error=str(error), sites=reports.visible_sites(request.user).order_by("name"),
                       values=request.GET)
        return render(request, "moderation/dashboard.html", context, status=400)
    site = flt.chosen[0] if len(flt.chosen) == 1 else None
    context.update(flt=flt, sites=flt.visible, values=_values(flt), **dashboard_charts(flt, site))
    return render(request, "moderation/dashboard.html", context)


def _values(flt: ReportFilter) -> dict:
    """The filter as the form shows it."""
    return {"start": flt.first_day.isoformat(), "end": flt.last_day.isoformat(), "by": flt.by,
            "site": flt.site_slugs[0] if flt.site_slugs else ""}
