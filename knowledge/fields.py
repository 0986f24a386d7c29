"""Model fields of the knowledge hub."""

from django import forms
from django.db import models


class ChoiceListField(models.JSONField):
    """A short list of fixed choices (a case study's benefits, its zones), stored as a JSON list.

    For small vocabularies that are shown, never filtered on: values that listings filter on are
    through-tables instead, so the ORM can count them.
    """

    def __init__(self, *args, choices_list=(), **kwargs):
        self.choices_list = list(choices_list)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        # The vocabulary lives in code; migrations need not follow its wording.
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.choices_list,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {key for key, _label in self.choices_list}
        unknown = [item for item in value or [] if item not in allowed]
        if unknown:
            from django.core.exceptions import ValidationError

            raise ValidationError(f"Unknown choice(s): {', '.join(map(str, unknown))}")

    def labels(self, values):
        names = dict(self.choices_list)
        return [names[value] for value in values or [] if value in names]
