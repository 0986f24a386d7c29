"""What a reader may ask the search: the same form reads the page's query string and the API's,
so both accept and refuse exactly the same things."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from . import registry
from .documents import Query
from .services import MAX_FILTER_VALUE_LENGTH, MAX_FILTER_VALUES, MAX_PAGE, MAX_QUERY_LENGTH

# Parameters of the form itself: a facet cannot be named after one of them.
RESERVED = frozenset({"q", "sort", "page", "lang", "limit"})


def facet_names():
    """Facets a query string may filter on (type and language among them: search/facets.py
    registers those), in the order the page shows them."""
    return [facet.name for facet in registry.facets() if facet.name not in RESERVED]


class FacetValuesField(forms.Field):
    """Repeated parameters (?theme=water&theme=soil) as a list of distinct values."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        values = []
        for item in value:
            item = str(item).strip()
            if item and item not in values:
                values.append(item)
        return values

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_FILTER_VALUES:
            raise ValidationError(
                _("Choose at most %(max)d values of one filter."),
                code="too_many",
                params={"max": MAX_FILTER_VALUES},
            )
        if any(len(item) > MAX_FILTER_VALUE_LENGTH for item in value):
            raise ValidationError(_("This filter value is too long."), code="too_long")
        # As the words (CharField): PostgreSQL refuses a NUL in a text parameter.
        for item in value:
            ProhibitNullCharactersValidator()(item)


class JSONErrorsMixin:
    def errors_json(self):
        return {
            name: [str(message) for message in messages] for name, messages in self.errors.items()
        }


class SearchForm(JSONErrorsMixin, forms.Form):
    """A search: words, filters (one repeated parameter per facet), sort and page."""

    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        strip=True,
        widget=forms.SearchInput,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("relevance", _("Relevance")), ("date", _("Newest first"))],
        required=False,
    )
    page = forms.IntegerField(label=_("Page"), min_value=1, max_value=MAX_PAGE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in facet_names():
            facet = registry.get_facet(name)
            self.fields[name] = FacetValuesField(
                label=facet.label if facet else name, required=False
            )

    def clean_sort(self):
        return self.cleaned_data.get("sort") or Query.SORTS[0]

    def clean_page(self):
        return self.cleaned_data.get("page") or 1

    # What was asked, as far as it was valid: the page still answers when one parameter is
    # wrong (it shows the error beside what it could do with the rest).

    @property
    def _valid(self):
        return getattr(self, "cleaned_data", {})

    @property
    def text(self):
        return self._valid.get("q") or ""

    @property
    def sort_value(self):
        return self._valid.get("sort") or Query.SORTS[0]

    @property
    def page_value(self):
        return self._valid.get("page") or 1

    def filters(self):
        """{facet: [values]} of the valid filters, in the page's facet order."""
        return {name: self._valid[name] for name in facet_names() if self._valid.get(name)}

    def error_list(self, exclude=()):
        """[(label, message)] for every error, for a summary at the top of the page."""
        return [
            (self.fields[name].label if name in self.fields else "", message)
            for name, messages in self.errors.items()
            if name not in exclude
            for message in messages
        ]


class SearchAPIForm(SearchForm):
    """The API's search: the page's parameters, and `lang`, the language of the labels."""

    lang = forms.ChoiceField(choices=settings.LANGUAGES, required=False)


class SuggestForm(JSONErrorsMixin, forms.Form):
    """Search-as-you-type: the words typed so far."""

    q = forms.CharField(max_length=MAX_QUERY_LENGTH, required=False, strip=True)
    limit = forms.IntegerField(min_value=1, max_value=20, required=False)
    lang = forms.ChoiceField(choices=settings.LANGUAGES, required=False)
