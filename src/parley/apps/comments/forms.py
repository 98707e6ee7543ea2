"""The reader's comment form. Works without JavaScript; the embed submits the same fields."""

from django import forms

HONEYPOT_FIELD = "website"


class HoneypotCheck:
    """Mix into a form that has the hidden ``HONEYPOT_FIELD``: the form is invalid when it comes back filled in."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                "This form was filled in automatically. If you are a person, leave the hidden field empty."
            )
        return cleaned


class CommentForm(HoneypotCheck, forms.Form):
    author_name = forms.CharField(
        label="Your name",
        max_length=100,
        help_text="Your real name. Comments under invented or false names are not published.",
        error_messages={"required": "Please give your name.", "max_length": "Your name can be at most 100 characters."},
    )
    email = forms.EmailField(
        label="E-mail (optional, never shown)",
        required=False,
        error_messages={"invalid": "That e-mail address does not look right."},
    )
    text = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="You can use *emphasis*, **bold**, [links](https://…), lists and > quotes.",
        error_messages={"required": "Please write a comment."},
        strip=True,
    )
    accept_terms = forms.BooleanField(
        label="I accept the comment terms",
        error_messages={"required": "Please accept the comment terms before posting."},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    terms_version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    # A field people do not see; programs that fill in every field do.
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site
        if site is not None:
            text = self.fields["text"]
            text.min_length = site.comment_min_length
            text.max_length = site.comment_max_length
            text.widget.attrs.update(minlength=site.comment_min_length, maxlength=site.comment_max_length)
            text.error_messages.update(
                min_length=f"Your comment is too short: write at least {site.comment_min_length} characters.",
                max_length=(
                    f"Your comment is too long: the limit is {site.comment_max_length} characters "
                    "(you wrote %(show_value)d)."
                ),
            )
            if site.require_email:
                self.fields["email"].required = True
                self.fields["email"].label = "E-mail (required, never shown)"
                self.fields["email"].error_messages["required"] = "This site asks for an e-mail address."
