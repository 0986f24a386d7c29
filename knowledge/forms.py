"""The steps of the case-study submission form on the site.

Each step is a plain form: it checks what a person typed and hands clean values to
``knowledge.services``, which applies the rules and saves a draft revision. Long texts are plain
paragraphs here; the service turns them into rich text (never accepting HTML from the form).
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people import geo
from people.models import SPOKEN_LANGUAGES, Partnership, Region

from .models import (
    BENEFITS,
    SDG,
    ZONES,
    CaseStudyPage,
    Country,
    Ecosystem,
    ILMElementTerm,
    LandUse,
    Licence,
    Theme,
)

BOUNDARY_MAX_BYTES = 2 * 1024 * 1024
LONG_TEXT_MAX = 20_000


def _label(name):
    """The model's own wording, so the form and the admin name fields alike."""
    return capfirst(CaseStudyPage._meta.get_field(name).verbose_name)


class PlainTextField(forms.CharField):
    """Paragraphs typed in a textarea. Browsers send line ends as CRLF: count and compare
    them as one character, as the browser's own ``maxlength`` does."""

    def __init__(self, *, rows=6, **kwargs):
        kwargs.setdefault("max_length", LONG_TEXT_MAX)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


class StepForm(forms.Form):
    """A step of the submission: labels without colons, and its errors as a list for the
    summary at the top of the page (each linking to its field)."""

    label_suffix = ""

    def error_links(self, prefix=""):
        links = []
        for name, errors in self.errors.items():
            if name not in self.fields:
                links.extend({"href": "", "text": error} for error in errors)
                continue
            field = self[name]
            target = field.auto_id
            if field.use_fieldset:
                target = f"{target}_0"  # the first checkbox or radio button of the group
            label = f"{prefix}{field.label}"
            links.extend({"href": f"#{target}", "text": f"{label}: {error}"} for error in errors)
        return links


# --- Step 1: the story in brief -----------------------------------------------------------


class BasicsForm(StepForm):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=255,
        error_messages={"required": gettext_lazy("Enter a title.")},
        help_text=gettext_lazy("A short, plain title: what was done, and where."),
    )
    summary = PlainTextField(
        label=_label("summary"),
        max_length=300,
        error_messages={"required": gettext_lazy("Write a short summary.")},
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "At most 300 characters. Shown in listings and search results: say what the "
            "partnership did and what came of it."
        ),
    )
    kind = forms.ChoiceField(
        label=_label("kind"),
        choices=CaseStudyPage.Kind.choices,
        initial=CaseStudyPage.Kind.FULL,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "A full case study tells the whole story; a snapshot is a short account of one "
            "part of it."
        ),
    )
    original_language = forms.ChoiceField(
        label=gettext_lazy("Language it is written in"),
        choices=SPOKEN_LANGUAGES,
        initial="en",
    )
    partnerships = forms.ModelMultipleChoiceField(
        label=_label("partnerships"),
        error_messages={"required": gettext_lazy("Choose at least one of your partnerships.")},
        queryset=Partnership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The partnerships whose work this is, among those you belong to."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].show_count = True
        own = Partnership.objects.filter(memberships__user=user).order_by("name")
        self.fields["partnerships"].queryset = own
        # Practitioners recognised by the editors may belong to no partnership on the site.
        if not own.exists():
            del self.fields["partnerships"]


# --- Step 2: place ------------------------------------------------------------------------


class PlaceForm(StepForm):
    countries = forms.ModelMultipleChoiceField(
        label=_label("countries"),
        error_messages={"required": gettext_lazy("Choose at least one country.")},
        queryset=Country.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=gettext_lazy(
            "Hold Ctrl (or Cmd on a Mac) to choose more than one. On a phone, tick each one."
        ),
    )
    region = forms.ChoiceField(
        label=_label("region"),
        choices=[("", gettext_lazy("Not stated")), *Region.choices],
        required=False,
    )
    latitude = forms.FloatField(
        label=_label("latitude"),
        min_value=-90,
        max_value=90,
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=gettext_lazy("Decimal degrees, north positive: for example -1.2921."),
    )
    longitude = forms.FloatField(
        label=_label("longitude"),
        min_value=-180,
        max_value=180,
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=gettext_lazy("Decimal degrees, east positive: for example 36.8219."),
    )
    boundary = PlainTextField(
        label=gettext_lazy("Boundary (GeoJSON)"),
        required=False,
        max_length=BOUNDARY_MAX_BYTES,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "Optional. Paste a GeoJSON Polygon or MultiPolygon in longitude/latitude (WGS84). "
            "Leave empty for no boundary."
        ),
    )
    boundary_file = forms.FileField(
        label=gettext_lazy("Or upload a boundary file"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".geojson,.json,application/geo+json"}),
        help_text=gettext_lazy("A .geojson file of at most 2 MB. It replaces anything pasted."),
    )
    scale = forms.ChoiceField(
        label=_label("scale"),
        choices=[("", gettext_lazy("Not stated")), *CaseStudyPage.Scale.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    area_type = forms.ChoiceField(
        label=_label("area_type"),
        choices=[("", gettext_lazy("Not stated")), *CaseStudyPage.AreaType.choices],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Countries in the reader's language and alphabet order (the table is ordered by code).
        field = self.fields["countries"]
        field.choices = sorted(
            ((country.pk, country.label) for country in field.queryset),
            key=lambda choice: str(choice[1]).casefold(),
        )

    def clean_boundary_file(self):
        upload = self.cleaned_data.get("boundary_file")
        if not upload:
            return None
        if not upload.name.lower().endswith((".geojson", ".json")):
            raise ValidationError(_("Upload a .geojson file."))
        if upload.size > BOUNDARY_MAX_BYTES:
            raise ValidationError(_("This file is larger than 2 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(_("This file is not GeoJSON text.")) from exc

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if "latitude" not in self.errors and "longitude" not in self.errors:
            if latitude is None and longitude is not None:
                self.add_error("latitude", _("Enter the latitude too, or neither."))
            elif longitude is None and latitude is not None:
                self.add_error("longitude", _("Enter the longitude too, or neither."))
        uploaded = cleaned.get("boundary_file")
        field = "boundary_file" if uploaded else "boundary"
        text = uploaded or cleaned.get("boundary") or ""
        cleaned["boundary"] = None
        if text.strip() and field not in self.errors:
            if uploaded:
                # A file cannot be sent again by the browser: keep its text in the box, so an
                # error elsewhere on this step does not lose it.
                self.data = self.data.copy()
                self.data[self.add_prefix("boundary")] = text
            try:
                cleaned["boundary"] = geo.clean_boundary(json.loads(text))
            except (json.JSONDecodeError, RecursionError):
                self.add_error(
                    field, _("This is not valid GeoJSON: check the brackets and commas.")
                )
            except ValidationError as error:
                self.add_error(field, error)
        return cleaned


# --- Step 3: context ----------------------------------------------------------------------


class ContextForm(StepForm):
    themes = forms.ModelMultipleChoiceField(
        label=_label("themes"),
        error_messages={"required": gettext_lazy("Choose at least one theme.")},
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    ecosystems = forms.ModelMultipleChoiceField(
        label=_label("ecosystems"),
        queryset=Ecosystem.objects.filter(
            level__in=[Ecosystem.Level.BIOME, Ecosystem.Level.GROUP]
        ).select_related("parent"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=gettext_lazy(
            "From the IUCN Global Ecosystem Typology, grouped by biome. Choose a whole biome or "
            "its functional groups; hold Ctrl (or Cmd) to choose more than one."
        ),
    )
    land_uses = forms.ModelMultipleChoiceField(
        label=_label("land_uses"),
        queryset=LandUse.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdgs = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Sustainable Development Goals"),
        queryset=SDG.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ilm_elements = forms.ModelMultipleChoiceField(
        label=_label("ilm_elements"),
        queryset=ILMElementTerm.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    benefits = forms.MultipleChoiceField(
        label=_label("benefits"),
        choices=BENEFITS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    zones = forms.MultipleChoiceField(
        label=_label("zones"),
        choices=ZONES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    challenges = PlainTextField(
        label=_label("challenges"),
        required=False,
        rows=5,
    )
    beneficiaries = PlainTextField(
        label=_label("beneficiaries"),
        required=False,
        rows=5,
        help_text=gettext_lazy("Who gained from the work, and how many people."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ecosystems"].choices = _ecosystem_choices(self.fields["ecosystems"].queryset)


def _ecosystem_choices(queryset):
    """Functional groups in option groups by biome; the biome itself first in its group."""
    groups = {}
    for ecosystem in queryset:  # ordered by sort_key: each biome comes before its groups
        if ecosystem.level == Ecosystem.Level.BIOME:
            name = f"{ecosystem.code} {ecosystem.label}"
            groups[ecosystem.pk] = (name, [(ecosystem.pk, _("All of %(biome)s") % {"biome": name})])
        elif ecosystem.parent_id in groups:
            groups[ecosystem.parent_id][1].append((ecosystem.pk, str(ecosystem)))
    return list(groups.values())


# --- Step 4: the story --------------------------------------------------------------------


class StoryForm(StepForm):
    problem = PlainTextField(
        label=_label("problem"),
        error_messages={"required": gettext_lazy("Describe the problem the partnership faced.")},
        help_text=gettext_lazy("What was wrong in the landscape, and for whom?"),
    )
    process = PlainTextField(
        label=_label("process"),
        required=False,
        help_text=gettext_lazy("How the partnership went about it, step by step."),
    )
    outcomes = PlainTextField(
        label=_label("outcomes"),
        required=False,
        help_text=gettext_lazy("What changed, with numbers where you have them."),
    )
    lessons_learned = PlainTextField(
        label=_label("lessons_learned"),
        required=False,
    )


class BuildingBlockForm(StepForm):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Give the building block a title.")},
    )
    description = PlainTextField(
        label=gettext_lazy("Description"),
        error_messages={"required": gettext_lazy("Describe what was done.")},
        rows=4,
        help_text=gettext_lazy("What was done."),
    )
    enabling_factors = PlainTextField(
        label=gettext_lazy("Enabling factors"),
        required=False,
        rows=3,
        help_text=gettext_lazy("What made it work."),
    )
    lessons_learned = PlainTextField(
        label=gettext_lazy("Lessons learned"),
        required=False,
        rows=3,
    )


class BaseBuildingBlockFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_few_forms": gettext_lazy("Add at least one building block."),
        "too_many_forms": gettext_lazy("A case study can have at most %(num)d building blocks."),
    }

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this building block")

    def blocks(self):
        """The blocks kept, in order, as the service takes them."""
        return [
            {name: form.cleaned_data.get(name, "") for name in BuildingBlockForm.base_fields}
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]

    def error_links(self):
        links = [
            {"href": "#building-blocks", "text": str(error)} for error in self.non_form_errors()
        ]
        for number, form in enumerate(self.forms, start=1):
            if self._should_delete_form(form):
                continue
            prefix = _("Building block %(number)s, ") % {"number": number}
            links.extend(form.error_links(prefix=prefix))
        return links


BuildingBlockFormSet = formset_factory(
    BuildingBlockForm,
    formset=BaseBuildingBlockFormSet,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=30,
    validate_max=True,
    can_delete=True,
)


# --- Step 5: review and submit ------------------------------------------------------------

LICENCE_HELP = {
    Licence.CC_BY: gettext_lazy(
        "Anyone may share and adapt it, for any purpose, if they credit the partnership. "
        "Recommended: it lets other landscapes learn from your work."
    ),
    Licence.CC_BY_SA: gettext_lazy(
        "As CC BY, and adaptations must be shared under the same licence."
    ),
    Licence.CC_BY_NC: gettext_lazy("As CC BY, but not for commercial purposes."),
    Licence.CC_BY_NC_SA: gettext_lazy(
        "Not for commercial purposes, and adaptations shared under the same licence."
    ),
    Licence.CC0: gettext_lazy("No conditions at all: you give up all rights to it."),
    Licence.RESERVED: gettext_lazy(
        "Others may read it here, but not copy or adapt it without asking you."
    ),
}


class ReviewForm(StepForm):
    licence = forms.ChoiceField(
        label=gettext_lazy("Licence"),
        choices=Licence.choices,
        initial=Licence.CC_BY,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "CC BY 4.0, the default, means anyone may share and adapt this case study if they "
            "credit the partnership."
        ),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I may share this story under this licence, and the people and organisations named "
            "in it agree to be named."
        ),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["licence"].choices = [
            (value, f"{label}: {LICENCE_HELP[value]}") for value, label in Licence.choices
        ]
