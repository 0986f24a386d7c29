"""The forums' HTML forms. They only shape input: every rule is checked by
``forums.services``, whose errors the views put back on these forms."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_POST_LENGTH, MAX_TITLE_LENGTH, Category, Flag


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type=file multiple>``; checked by the services."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


def _body_field(label=None):
    return forms.CharField(
        label=label or _("Message"),
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, *italic*, [links](https://…), > quotes, @name mentions."),
        # The services say what is wrong with an empty message; keep the text as typed.
        required=False,
        strip=False,
    )


def _attachments_field():
    return MultipleFileField(
        label=_("Attachments"),
        help_text=_("Images (JPEG, PNG, WebP, GIF) or documents (PDF, office, text), up to 5."),
    )


class PostForm(forms.Form):
    body = _body_field()
    attachments = _attachments_field()
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The same key on a re-sent form returns the post already made (no double posts).
    client_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("client_key", uuid.uuid4().hex)


class TopicForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE_LENGTH, required=False)
    body = _body_field()
    attachments = _attachments_field()
    page = forms.IntegerField(required=False, widget=forms.HiddenInput)
    client_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, categories=None, fixed_category=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.fields["category"].queryset = categories
        if fixed_category is not None:
            self.fields["category"].widget = forms.HiddenInput()
            self.initial["category"] = fixed_category.pk
        if not self.is_bound:
            self.initial.setdefault("client_key", uuid.uuid4().hex)


class EditForm(forms.Form):
    body = _body_field()


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Flag.Reason.choices)
    details = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class TopicModerationForm(forms.Form):
    ACTIONS = [
        ("lock", _("Lock")),
        ("unlock", _("Unlock")),
        ("pin", _("Pin")),
        ("unpin", _("Unpin")),
        ("slow", _("Set slow mode")),
        ("move", _("Move")),
    ]
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    seconds = forms.IntegerField(
        label=_("Slow mode: seconds between posts per person (0 turns it off)"),
        required=False,
        min_value=0,
        max_value=24 * 3600,
    )
    category = forms.ModelChoiceField(
        label=_("Move to"), queryset=Category.objects.none(), required=False
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.fields["category"].queryset = categories


class SuspendForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365, initial=7)
    reason = forms.CharField(label=_("Reason (the person sees it)"), max_length=300, required=False)


class DigestForm(forms.Form):
    enabled = forms.BooleanField(
        label=_("Send me a daily email digest of unread notifications"), required=False
    )
