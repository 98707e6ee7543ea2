"""The export of statements of reasons in Transparency Database field names: /moderate/statements.json.

``{"statements": [...]}``, the shape of the database's batch submission, one object per decision, oldest first, for
the period and sites of the reporting filter (``start``, ``end``, ``site``). The response is streamed: statements are
read from the database in chunks and written as they come, so a year of decisions never sits in memory at once.
Every export is audited (who, which period, which sites, how many statements).
"""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.views.decorators.http import require_safe

from parley.apps.moderation import reports
from parley.apps.moderation.access import requires
from parley.apps.moderation.models import record
from parley.apps.moderation.views.dashboard import FilterError, parse_filter
from parley.errors import problem

CHUNK = 500


def stream_statements(statements):
    """The JSON document in pieces: the opening, one statement at a time, the closing."""
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    yield '{"statements": ['
    first = True
    for statement in statements.iterator(chunk_size=CHUNK):
        yield ("\n" if first else ",\n") + encoder.encode(statement.to_transparency_json())
        first = False
    yield "\n]}\n"


@requires("export")
@require_safe
def statements_json(request):
    try:
        flt = parse_filter(request)
    except FilterError as error:
        return problem(400, str(error), title="Invalid export period or site")
    statements = reports.statements_for_export(flt.sites, flt.start, flt.end)
    count = statements.count()
    record("statements.exported", actor=request.user, reason=f"{flt.first_day} to {flt.last_day}",
           data={"first_day": flt.first_day.isoformat(), "last_day": flt.last_day.isoformat(),
                 "sites": flt.site_slugs or ["all"], "count": count})
    response = StreamingHttpResponse((part.encode() for part in stream_statements(statements)),
                                     content_type="application/json; charset=utf-8")
    scope = "-".join(flt.site_slugs) or "all-sites"
    response["Content-Disposition"] = (f'attachment; filename="statements-{scope}-{flt.first_day.isoformat()}-to-'
                                       f'{flt.last_day.isoformat()}.json"')
    response["X-Total-Count"] = str(count)
    return response

