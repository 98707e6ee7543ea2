"""Forms of the workspace: the queue filters. The action forms are plain HTML whose input the services check
(they raise ``ModerationError`` with the field at fault)."""

from __future__ import annotations

from django import forms

from parley.apps.articles.models import Article
from parley.apps.comments.models import Commenter
from parley.apps.moderation import grounds, queues
from parley.apps.moderation.permissions import moderated_sites
from parley.apps.moderation.queues import QueueFilters

EXTRA_RULES = ("pre_moderation", "premoderated_commenter", "engine_error")


def rule_filter_choices(site=None) -> list[tuple[str, str]]:
    return [("", "Any rule"), *grounds.rule_choices(site), (queues.REPORTED, "Reader reports"),
            *((rule, grounds.rule_label(rule)) for rule in EXTRA_RULES)]


def group_label(rule: str, site=None) -> str:
    if rule == queues.REPORTED:
        return "Reader reports"
    if not rule:
        return "No rule"
    return grounds.rule_label(rule, site)


class QueueFilterForm(forms.Form):
    """The filters every queue offers (all optional). Invalid values are reported and left out."""

    q = forms.CharField(required=False, max_length=200, label="Search",
                        widget=forms.TextInput(attrs={"type": "search", "data-search": "",
                                                      "placeholder": "Text, name or e-mail  ( / )"}))
    site = forms.ModelChoiceField(queryset=None, required=False, empty_label="All my sites")
    article = forms.IntegerField(required=False, min_value=1, label="Article",
                                 widget=forms.NumberInput(attrs={"placeholder": "id"}))
    rule = forms.ChoiceField(required=False)
    score_min = forms.FloatField(required=False, min_value=0, max_value=1, label="Score from",
                                 widget=forms.NumberInput(attrs={"step": "0.01", "placeholder": "0.00"}))
    score_max = forms.FloatField(required=False, min_value=0, max_value=1, label="to",
                                 widget=forms.NumberInput(attrs={"step": "0.01", "placeholder": "1.00"}))
    commenter = forms.IntegerField(required=False, min_value=1, label="Commenter",
                                   widget=forms.NumberInput(attrs={"placeholder": "id"}))
    date_from = forms.DateField(required=False, label="Posted from", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label="to", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data, *, user):
        super().__init__(data)
        self.sites = moderated_sites(user)
        self.fields["site"].queryset = self.sites
        self.fields["rule"].choices = rule_filter_choices()

    def clean_article(self):
        article = self.cleaned_data.get("article")
        if article is not None and not Article.objects.filter(pk=article, site__in=self.sites).exists():
            raise forms.ValidationError("There is no such article on a site you moderate.")
        return article

    def clean_commenter(self):
        commenter = self.cleaned_data.get("commenter")
        if commenter is not None and not Commenter.objects.filter(pk=commenter, site__in=self.sites).exists():
            raise forms.ValidationError("There is no such commenter on a site you moderate.")
        return commenter

    def clean(self):
        data = super().clean()
        low, high = data.get("score_min"), data.get("score_max")
        if low is not None and high is not None and low > high:
            self.add_error("score_max", "The upper score must not be below the lower one.")
        start, end = data.get("date_from"), data.get("date_to")
        if start is not None and end is not None and start > end:
            self.add_error("date_to", "The end date must not be before the start date.")
        return data

    def filters(self) -> QueueFilters:
        """The filters from the fields that are valid (call ``is_valid()`` first)."""
        data = getattr(self, "cleaned_data", {})
        site = data.get("site")
        return QueueFilters(
            site=site.pk if site else None, article=data.get("article"), rule=data.get("rule") or None,
            score_min=data.get("score_min"), score_max=data.get("score_max"), commenter=data.get("commenter"),
            date_from=data.get("date_from"), date_to=data.get("date_to"), q=(data.get("q") or "").strip() or None,
        )
