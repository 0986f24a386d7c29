"""Forms of the cohort pages. They check what a browser could (a date, dates in order); the
rules (who may, facilitators on the staff, which addresses are valid) are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from people.models import User

from .models import CoursePage


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class FacilitatorsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.email})"


class CohortForm(forms.Form):
    """A cohort's name, course (when creating), dates and facilitators."""

    name = forms.CharField(
        label=_("Name"),
        max_length=160,
        help_text=_("For example “Nairobi, spring 2026”. Learners see it."),
    )
    course = CourseChoiceField(label=_("Course"), queryset=CoursePage.objects.none())
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    facilitators = FacilitatorsField(
        label=_("Facilitators"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People on the institute’s staff who follow this cohort’s progress."),
    )

    def __init__(self, *args, institute, with_course=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_course:
            # Courses are chosen in the site's default language; each learner follows the
            # course in their own language when it is translated.
            self.fields["course"].queryset = (
                CoursePage.objects.live().filter(locale=Locale.get_default()).order_by("title")
            )
        else:
            del self.fields["course"]
        self.fields["facilitators"].queryset = User.objects.filter(
            institute_roles__institute=institute, is_active=True
        ).order_by("display_name", "username")

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The cohort must end on or after the day it starts."))
        return data

    def cohort_fields(self):
        """What the services take."""
        fields = {
            name: self.cleaned_data[name]
            for name in ("name", "starts_on", "ends_on", "facilitators")
        }
        if "course" in self.fields:
            fields["course"] = self.cleaned_data["course"]
        return fields


class InviteForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_(
            "Paste the addresses of the people to invite, separated by commas, spaces or new "
            "lines. Each receives a link to join the cohort."
        ),
    )
