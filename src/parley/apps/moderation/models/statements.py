"""Statements of reasons (DSA Art. 17): one for every decline, delete, take-down and ban.

The Transparency Database fields are real columns under their database names, so a statement exports as it is
(``to_transparency_json``) and reports can group on them. Parley's own keys (site, comment, rule, who decided)
sit beside them. A statement is never edited after it is issued; when the decision is reversed (on appeal, or a
moderator approves the comment) it is marked ``revoked_at`` and stays.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from parley.apps.moderation import tdb
from parley.apps.moderation.periods import APPEAL_WINDOW_MONTHS, add_months


class StatementAction(models.TextChoices):
    DECLINE = "decline", "Declined (not published)"
    DELETE = "delete", "Deleted (removed after publication)"
    TAKEDOWN = "takedown", "Emergency take-down"
    BAN = "ban", "Commenter banned"


# The fields exported to the Transparency Database, in its order.
TDB_FIELDS = (
    "decision_visibility", "decision_visibility_other", "decision_monetary", "decision_monetary_other",
    "decision_provision", "decision_account", "account_type", "decision_ground", "decision_ground_reference_url",
    "illegal_content_legal_ground", "illegal_content_explanation", "incompatible_content_ground",
    "incompatible_content_explanation", "incompatible_content_illegal", "content_type", "content_type_other",
    "category", "category_addition", "category_specification", "category_specification_other",
    "territorial_scope", "content_language", "content_date", "application_date", "end_date_visibility_restriction",
    "end_date_monetary_restriction", "end_date_service_restriction", "end_date_account_restriction",
    "decision_facts", "source_type", "source_identity", "automated_detection", "automated_decision", "puid",
)
_DATE_FIELDS = frozenset({"content_date", "application_date", "end_date_visibility_restriction",
                          "end_date_monetary_restriction", "end_date_service_restriction",
                          "end_date_account_restriction"})


def new_puid(site_slug: str, subject: str) -> str:
    """A platform-unique id in the database's alphabet, e.g. ``gazette-comment-42-3f9c0a1b2c3d4e5f``."""
    return f"{site_slug}-{subject}-{uuid.uuid4().hex[:16]}"


class StatementQuerySet(models.QuerySet):
    def in_force(self) -> StatementQuerySet:
        return self.filter(revoked_at=None)

    def automated(self) -> StatementQuerySet:
        return self.filter(automated_decision=tdb.AUTOMATED_FULLY)

    def for_sites(self, sites) -> StatementQuerySet:
        return self.filter(site__in=sites)

    def between(self, start=None, end=None) -> StatementQuerySet:
        qs = self
        if start is not None:
            qs = qs.filter(created_at__gte=start)
        if end is not None:
            qs = qs.filter(created_at__lt=end)
        return qs


class StatementOfReasons(models.Model):
    # --- Parley's keys
    site = models.ForeignKey("articles.Site", on_delete=models.PROTECT, related_name="statements")
    comment = models.ForeignKey(
        "comments.Comment", null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    commenter = models.ForeignKey("comments.Commenter", on_delete=models.PROTECT, related_name="statements")
    action = models.CharField(max_length=10, choices=StatementAction, db_index=True)
    rule = models.CharField(max_length=40, blank=True, db_index=True,
                            help_text="The rule of the terms relied on (empty when none was named).")
    rules = models.JSONField(default=list, blank=True, help_text="Every rule that applied, the main one first.")
    message = models.TextField(blank=True, help_text="The moderator's own words to the commenter (not exported).")
    notice = models.ForeignKey("moderation.Notice", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="statements", help_text="The reader report that led to the decision.")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", help_text="Empty when the decision was automatic.")
    decided_by_label = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True, help_text="When it was e-mailed to the commenter.")
    revoked_at = models.DateTimeField(null=True, blank=True, help_text="When the decision was reversed.")
    revoked_reason = models.CharField(max_length=500, blank=True)

    # --- Transparency Database fields (names and values as the database has them)
    decision_visibility = models.JSONField(default=list, blank=True)
    decision_visibility_other = models.CharField(max_length=500, blank=True)
    decision_monetary = models.CharField(max_length=40, blank=True, choices=tdb.choices(tdb.DECISION_MONETARY))
    decision_monetary_other = models.CharField(max_length=500, blank=True)
    decision_provision = models.CharField(max_length=40, blank=True, choices=tdb.choices(tdb.DECISION_PROVISION))
    decision_account = models.CharField(max_length=40, blank=True, choices=tdb.choices(tdb.DECISION_ACCOUNT))
    account_type = models.CharField(max_length=30, blank=True, choices=tdb.choices(tdb.ACCOUNT_TYPE))
    decision_ground = models.CharField(max_length=40, choices=tdb.choices(tdb.DECISION_GROUND), db_index=True)
    decision_ground_reference_url = models.CharField(max_length=500, blank=True)
    illegal_content_legal_ground = models.CharField(max_length=500, blank=True)
    illegal_content_explanation = models.TextField(max_length=2000, blank=True)
    incompatible_content_ground = models.CharField(max_length=500, blank=True)
    incompatible_content_explanation = models.TextField(max_length=2000, blank=True)
    incompatible_content_illegal = models.CharField(max_length=3, blank=True, choices=[("Yes", "Yes"), ("No", "No")])
    content_type = models.JSONField(default=list)
    content_type_other = models.CharField(max_length=500, blank=True)
    category = models.CharField(max_length=80, choices=tdb.choices(tdb.CATEGORY), db_index=True)
    category_addition = models.JSONField(default=list, blank=True)
    category_specification = models.JSONField(default=list, blank=True)
    category_specification_other = models.CharField(max_length=500, blank=True)
    territorial_scope = models.JSONField(default=list, blank=True)
    content_language = models.CharField(max_length=2, blank=True)
    content_date = models.DateField()
    application_date = models.DateField()
    end_date_visibility_restriction = models.DateField(null=True, blank=True)
    end_date_monetary_restriction = models.DateField(null=True, blank=True)
    end_date_service_restriction = models.DateField(null=True, blank=True)
    end_date_account_restriction = models.DateField(null=True, blank=True)
    decision_facts = models.TextField(max_length=5000)
    source_type = models.CharField(max_length=40, choices=tdb.choices(tdb.SOURCE_TYPE), db_index=True)
    source_identity = models.CharField(max_length=500, blank=True)
    automated_detection = models.BooleanField()
    automated_decision = models.CharField(max_length=40, choices=tdb.choices(tdb.AUTOMATED_DECISION), db_index=True)
    puid = models.CharField(max_length=500, unique=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "statement of reasons"
        verbose_name_plural = "statements of reasons"
        indexes = [
            models.Index(fields=["site", "created_at"], name="statement_site_time"),
            models.Index(fields=["comment", "created_at"], name="statement_comment_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.comment_id or '-'} ({self.rule or 'no rule'})"

    # --- the commenter's view
    @property
    def is_automated(self) -> bool:
        return self.automated_decision == tdb.AUTOMATED_FULLY

    @property
    def appeal_deadline(self):
        """Appeals are open for six months from the decision (DSA Art. 20(1))."""
        return add_months(self.created_at, APPEAL_WINDOW_MONTHS)

    def appeal_open(self, now=None) -> bool:
        return self.revoked_at is None and (now or timezone.now()) <= self.appeal_deadline

    @property
    def decision_summary(self) -> str:
        """What was decided and its scope, in one sentence for the commenter (Art. 17(3)(a))."""
        scope = "anywhere on this site (its pages, embeds, feeds and API), and the decision has no end date"
        if self.action == StatementAction.DECLINE:
            return f"Your comment was not published: it is not shown {scope}."
        if self.action == StatementAction.DELETE:
            return f"Your comment was removed: it is no longer shown {scope}."
        if self.action == StatementAction.TAKEDOWN:
            return (f"Your comment was removed at once: it is no longer shown {scope}. A copy is kept for six "
                    "months, as the law requires.")
        until = self.end_date_service_restriction
        return ("You can no longer comment on this site"
                + (f" until {until:%d %B %Y}." if until else " until further notice."))

    @property
    def automation_summary(self) -> str:
        """Whether automated means were used (Art. 17(3)(c))."""
        detected = ("The comment was flagged by Parley's automatic checks" if self.automated_detection
                    else "No automatic check flagged the comment")
        decided = {
            tdb.AUTOMATED_FULLY: "the decision was taken automatically, without a person reviewing it.",
            tdb.AUTOMATED_PARTIALLY: "the decision was taken partly by automatic means.",
            tdb.NOT_AUTOMATED: "the decision was taken by a moderator.",
        }[self.automated_decision]
        return f"{detected}, and {decided}"

    # --- export
    def transparency_data(self) -> dict:
        """Every Transparency Database field, empty ones included."""
        data = {}
        for field in TDB_FIELDS:
            value = getattr(self, field)
            if field in _DATE_FIELDS:
                value = value.isoformat() if value else None
            elif field == "automated_detection":
                value = tdb.YES if value else tdb.NO
            data[field] = value
        return data

    def to_transparency_json(self) -> dict:
        """The statement as the Transparency Database takes it: its field names and values, empty fields left out."""
        return {key: value for key, value in self.transparency_data().items() if value not in (None, "", [])}

    def transparency_errors(self) -> list[str]:
        return tdb.validate(self.to_transparency_json())

    def clean(self) -> None:
        errors = self.transparency_errors()
        if errors:
            raise ValidationError("; ".join(errors))
