import json

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from . import geo, images
from .models import (
    SPOKEN_LANGUAGES,
    ILMElement,
    InstituteStaff,
    Membership,
    Partnership,
    Region,
    User,
)
from .validators import validate_image_upload


def _normalised(upload):
    """A newly uploaded image, scaled and stripped of metadata; anything else unchanged."""
    if upload and hasattr(upload, "content_type") and hasattr(upload, "image"):
        validate_image_upload(upload)  # the limits apply to what was sent
        try:
            return images.normalise(upload)
        except (OSError, ValueError) as exc:
            raise ValidationError(_("This image could not be read. Try another file.")) from exc
    return upload


def _file_change(data, name):
    """For the services: "" when the person ticked "clear", the new upload, or the field left
    out when nothing changed."""
    if data[name] is False:
        data[name] = ""
    elif not isinstance(data[name], UploadedFile):
        del data[name]
    return data


class SignupForm(AllauthSignupForm):
    display_name = forms.CharField(
        label=_("Your name"),
        max_length=80,
        required=False,
        help_text=_("How other people see you. You can change it later."),
    )
    field_order = ["display_name", "email", "password1", "password2"]


class ProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = User
        fields = [
            "display_name",
            "photo",
            "bio",
            "country",
            "languages",
            "expertise",
            "affiliations",
            "preferred_language",
            "is_profile_public",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5, "maxlength": 600})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = self.instance.languages
        self.fields["display_name"].required = True

    def clean_photo(self):
        return _normalised(self.cleaned_data.get("photo"))

    def profile_fields(self):
        """The cleaned values to hand to `services.profile_update`."""
        return _file_change({name: self.cleaned_data[name] for name in self.Meta.fields}, "photo")


class PartnershipForm(forms.ModelForm):
    """Location as latitude and longitude (easy to type on a phone); boundary as GeoJSON, either
    pasted or uploaded as a .geojson file."""

    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    boundary_text = forms.CharField(
        label=_("Boundary (GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_("Paste a GeoJSON Polygon or MultiPolygon. The area is worked out from it."),
    )
    boundary_file = forms.FileField(
        label=_("…or upload a .geojson file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,application/geo+json"}),
    )

    class Meta:
        model = Partnership
        fields = [
            "name",
            "slug",
            "description",
            "countries",
            "region",
            "ilm_element",
            "website",
            "logo",
            "join_policy",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and not self.is_bound:
            self.initial["latitude"] = instance.latitude
            self.initial["longitude"] = instance.longitude
            if instance.boundary:
                self.initial["boundary_text"] = json.dumps(instance.boundary)

    def clean_logo(self):
        return _normalised(self.cleaned_data.get("logo"))

    def clean_boundary_file(self):
        upload = self.cleaned_data.get("boundary_file")
        if upload and upload.size > 2 * 1024 * 1024:
            raise ValidationError(_("A boundary file may be at most 2 MB."))
        return upload

    def clean(self):
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            self.add_error(None, _("Give both a latitude and a longitude, or neither."))
            lat = lon = None
        raw = data.get("boundary_text", "").strip()
        upload = data.get("boundary_file")
        if upload:
            try:
                raw = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error(
                    "boundary_file",
                    _("This file could not be read as text. Upload a .geojson file."),
                )
                return data
        boundary = None
        if raw:
            try:
                boundary = geo.clean_boundary(json.loads(raw))
            except (json.JSONDecodeError, RecursionError):
                self.add_error(
                    "boundary_file" if upload else "boundary_text",
                    _("This is not valid JSON."),
                )
            except ValidationError as exc:
                self.add_error("boundary_file" if upload else "boundary_text", exc)
        data["boundary"] = boundary
        data["location"] = {"type": "Point", "coordinates": [lon, lat]} if lat is not None else None
        return data

    def _post_clean(self):
        # Put the location fields on the instance before the model validates it.
        if hasattr(self, "cleaned_data"):
            self.instance.location = self.cleaned_data.get("location")
            self.instance.boundary = self.cleaned_data.get("boundary")
        super()._post_clean()

    def model_fields(self):
        """The cleaned values to hand to the services."""
        names = [*self.Meta.fields, "location", "boundary"]
        return _file_change({name: self.cleaned_data.get(name) for name in names}, "logo")


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the managers (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class StaffForm(forms.Form):
    email = forms.EmailField(label=_("Email address of their account"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=InstituteStaff.Role.choices,
        initial=InstituteStaff.Role.FACILITATOR,
    )


class StaffRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=InstituteStaff.Role.choices)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


def _choices_with_any(choices):
    return [("", _("Any"))] + list(choices)


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    expertise = forms.CharField(label=_("Expertise"), required=False, max_length=100)
    language = forms.ChoiceField(
        label=_("Languages spoken"), required=False, choices=_choices_with_any(SPOKEN_LANGUAGES)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _choices_with_any(countries)


class PartnershipFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=_choices_with_any(Region.choices)
    )
    ilm_element = forms.ChoiceField(
        label=_("ILM element reached"),
        required=False,
        choices=_choices_with_any(ILMElement.choices),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _choices_with_any(countries)
