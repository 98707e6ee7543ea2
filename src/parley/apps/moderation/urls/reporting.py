"""Staff URLs: the reporting part of the workspace (every view declares its capability with access.requires).

* ``dashboard/`` — volumes, automatic and human decisions, time to decision, overturn rate, as charts;
* ``transparency/`` — the transparency report (DSA Art. 15) as HTML, ``?format=json`` or ``?format=csv``;
* ``statements.json`` — the statements of reasons in Transparency Database field names, streamed;
* ``takedown/`` — the emergency take-down (TCO Regulation) and the recent take-downs.
"""

from django.urls import path

from parley.apps.moderation.views import dashboard, export, takedown, transparency

urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("transparency/", transparency.transparency, name="transparency"),
    path("statements.json", export.statements_json, name="statements_export"),
    path("takedown/", takedown.takedown, name="takedown"),
]
