"""The public due-process forms: a reader's report on a comment (DSA Art. 16) and a commenter's appeal.

The forms check what a browser can get wrong (required fields, lengths, an e-mail's shape); the services
(``notices.submit_notice``, ``appeals.file_appeal``) decide the rest, and the views show their errors on the form.
"""

from __future__ import annotations

from django import forms

from parley.apps.comments.forms import HONEYPOT_FIELD, HoneypotCheck
from parley.apps.moderation import appeals, notices

EMAIL_INVALID = "Please give a valid e-mail address, or leave it empty."


def _optional_email(help_text: str) -> forms.EmailField:
    return forms.EmailField(
        max_length=254,
        label="Your e-mail (optional)",
        required=False,
        help_text=help_text,
        error_messages={"invalid": EMAIL_INVALID, "max_length": EMAIL_INVALID},
    )


class _PublicForm(HoneypotCheck, forms.Form):
    """What the public forms share: the optional name and the hidden honeypot field."""

    name = forms.CharField(label="Your name (optional)", max_length=100, required=False,
                           error_messages={"max_length": "Your name can be at most 100 characters."})
    # A field people do not see; programs that fill in every field do.
    website = forms.CharField(
        required=False,
        max_length=200,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class ReportForm(_PublicForm):
    """A reader's report: the rule (or "illegal"), why, who (optional) and the good-faith statement."""

    rule = forms.ChoiceField(
        label="Why should this comment be removed?",
        error_messages={
            "required": "Please choose why you are reporting this comment.",
            "invalid_choice": "Please choose why you are reporting this comment.",
        },
    )
    explanation = forms.CharField(
        label="Explain why",
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": notices.EXPLANATION_MAX}),
        max_length=notices.EXPLANATION_MAX,
        help_text="What in the comment breaks the rule or the law? If it is illegal, say which law.",
        error_messages={
            "required": "Please explain in a sentence or two why the comment should be removed.",
            "max_length": f"Please keep the explanation under {notices.EXPLANATION_MAX} characters.",
        },
    )
    email = _optional_email("We confirm receipt and tell you the outcome. It is never shown or passed on.")
    good_faith = forms.BooleanField(
        label="I believe in good faith that the information in this report is accurate and complete.",
        error_messages={"required": "Please confirm that your report is accurate and made in good faith."},
    )

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", "Choose a reason…"), *notices.notice_reasons(site)]
        self.order_fields(["rule", "explanation", "name", "email", "good_faith", HONEYPOT_FIELD])


class AppealForm(_PublicForm):
    """The commenter's appeal against a decision on their comment."""

    explanation = forms.CharField(
        label="Why do you think the decision is wrong?",
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": appeals.EXPLANATION_MAX}),
        max_length=appeals.EXPLANATION_MAX,
        help_text="For example: the context you were quoting, or why the rule does not apply to your comment.",
        error_messages={
            "required": "Please say why you think the decision is wrong.",
            "max_length": f"Please keep your explanation under {appeals.EXPLANATION_MAX} characters.",
        },
    )
    email = _optional_email("Where we send the reasoned answer. Left empty, we use the address you gave with "
                            "your comment, if you gave one.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["explanation", "name", "email", HONEYPOT_FIELD])
