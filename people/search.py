"""Partnerships and people in the network's search; people by their public profile only
(name, handle, bio, country, affiliations, expertise), and only with a public profile."""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from search import registry
from search.documents import Document

from .models import ExpertiseTag, ILMElement, Membership, Partnership, Region, User


class Partnerships(registry.SearchType):
    name = "partnership"
    label = _("Partnerships")
    model = Partnership

    def document(self, partnership):
        return Document(
            type=self.name,
            id=str(partnership.pk),
            title=partnership.name,
            url=partnership.get_absolute_url(),
            summary=partnership.description[:300],
            body=partnership.description,
            date=partnership.updated_at,
            facets={
                "country": [str(code) for code in partnership.countries],
                "region": [partnership.region] if partnership.region else [],
                "ilm": [partnership.ilm_element],
            },
        )


class People(registry.SearchType):
    name = "person"
    label = _("People")
    model = User
    # Tags are saved through their own table; the person's document lists them.
    depends_on = [
        (ExpertiseTag, lambda tag: [tag.content_object_id]),
        (EmailAddress, lambda address: [address.user_id]),
    ]

    def get_queryset(self):
        return User.objects.annotate(
            confirmed=Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True))
        ).prefetch_related("expertise")

    def document(self, user):
        if not (user.is_active and user.is_profile_public and user.confirmed):
            return None
        expertise = [tag.name for tag in user.expertise.all()]
        return Document(
            type=self.name,
            id=str(user.pk),
            title=user.name,
            url=user.get_absolute_url(),
            summary=user.bio[:300],
            body="\n".join([f"@{user.username}", user.bio, user.affiliations, *expertise]),
            date=user.date_joined,
            facets={"country": [user.country.code] if user.country else []},
        )


def country_labels(values):
    return {code: countries.name(code) or code for code in values}


def region_labels(values):
    return {value: str(Region(value).label) for value in values if value in Region.values}


def ilm_labels(values):
    return {value: str(ILMElement(value).label) for value in values if value in ILMElement.values}


@registry.register_principals
def partnership_tokens(user):
    """Members read what is private to their partnerships."""
    ids = Membership.objects.filter(user=user).values_list("partnership_id", flat=True)
    return [f"partnership:{pk}" for pk in ids]


registry.register(Partnerships())
registry.register(People())
registry.register_facet(registry.Facet("region", _("Region"), region_labels, order=30))
registry.register_facet(registry.Facet("country", _("Country"), country_labels, order=40))
registry.register_facet(
    registry.Facet("ilm", _("Integrated landscape management element"), ilm_labels, order=70)
)
