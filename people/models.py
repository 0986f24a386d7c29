"""People, the organisations they belong to, and their roles.

`people` is the bottom of the import graph: it imports none of the other apps.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel

from . import geo
from .validators import validate_image_upload


class Region(models.TextChoices):
    """World Bank regions: how landscape programmes usually group countries."""

    EAST_ASIA_PACIFIC = "east-asia-pacific", _("East Asia and Pacific")
    EUROPE_CENTRAL_ASIA = "europe-central-asia", _("Europe and Central Asia")
    LATIN_AMERICA_CARIBBEAN = "latin-america-caribbean", _("Latin America and the Caribbean")
    MIDDLE_EAST_NORTH_AFRICA = "middle-east-north-africa", _("Middle East and North Africa")
    NORTH_AMERICA = "north-america", _("North America")
    SOUTH_ASIA = "south-asia", _("South Asia")
    SUB_SAHARAN_AFRICA = "sub-saharan-africa", _("Sub-Saharan Africa")


class ILMElement(models.TextChoices):
    """The five elements of integrated landscape management, in the order they are reached."""

    PARTNERSHIP = "partnership", pgettext_lazy("ILM element", "Partnership")
    SHARED_UNDERSTANDING = "shared-understanding", _("Shared understanding")
    VISION_PLANNING = "vision-planning", _("Vision and planning")
    TAKING_ACTION = "taking-action", _("Taking action")
    LEARNING_IMPACT = "learning-impact", _("Learning and impact")


# Languages people say they speak: the interface languages first, then the ones most spoken
# in landscape partnerships. Codes are ISO 639-1.
SPOKEN_LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("ar", _("Arabic")),
    ("am", _("Amharic")),
    ("bn", _("Bengali")),
    ("zh", _("Chinese")),
    ("de", _("German")),
    ("ha", _("Hausa")),
    ("hi", _("Hindi")),
    ("id", _("Indonesian")),
    ("it", _("Italian")),
    ("ja", _("Japanese")),
    ("ne", _("Nepali")),
    ("qu", _("Quechua")),
    ("ru", _("Russian")),
    ("rw", _("Kinyarwanda")),
    ("sw", _("Swahili")),
    ("th", _("Thai")),
    ("tr", _("Turkish")),
    ("vi", _("Vietnamese")),
    ("wo", _("Wolof")),
    ("yo", _("Yoruba")),
]


class ExpertiseTag(TaggedItemBase):
    """Through table for a person's expertise tags (a table of its own keeps filters fast)."""

    content_object = models.ForeignKey(
        "people.User", on_delete=models.CASCADE, related_name="expertise_items"
    )


class User(AbstractUser):
    """An account and its public profile. Signs in with email; `username` is the public handle
    used in profile URLs and @mentions, generated at sign-up."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    bio = models.TextField(
        _("short bio"), blank=True, max_length=600, validators=[MaxLengthValidator(600)]
    )
    photo = models.ImageField(
        _("photo"),
        upload_to="people/photos/%Y/%m/",
        blank=True,
        validators=[validate_image_upload],
    )
    country = CountryField(_("country"), blank=True)
    affiliations = models.CharField(
        _("affiliations"),
        max_length=255,
        blank=True,
        help_text=_("Organisations you work with, separated by commas."),
    )
    expertise = TaggableManager(
        verbose_name=_("expertise"),
        through=ExpertiseTag,
        blank=True,
        help_text=_("Topics you know well, separated by commas."),
    )
    preferred_language = models.CharField(
        _("interface language"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    is_profile_public = models.BooleanField(
        _("show my profile in the directory"),
        default=True,
        help_text=_("Your email address is never shown to other people."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["display_name", "username"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.display_name or self.get_full_name() or self.username

    def get_absolute_url(self):
        return reverse("people:profile", args=[self.username])

    @property
    def languages(self):
        return [lang.code for lang in self.spoken_languages.all()]

    def language_names(self):
        names = dict(SPOKEN_LANGUAGES)
        return [names.get(code, code) for code in self.languages]

    def affiliation_list(self):
        return [a.strip() for a in self.affiliations.split(",") if a.strip()]


class SpokenLanguage(models.Model):
    """A language a person speaks (one row per language, so the directory filters with SQL)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="spoken_languages")
    code = models.CharField(max_length=8, choices=SPOKEN_LANGUAGES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "code"], name="spoken_language_unique"),
        ]
        ordering = ["id"]

    def __str__(self):
        return self.get_code_display()


class Organisation(models.Model):
    """Fields every organisation shares: landscape partnerships and training institutes."""

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(
        _("logo"), upload_to="organisations/logos/", blank=True, validators=[validate_image_upload]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Partnership(Organisation):
    """A landscape partnership: the people and organisations that manage one landscape
    together. Members join through `Membership`; it always keeps at least one manager."""

    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Open: anyone signed in can join")
        REQUEST = "request", _("On request: a manager approves each request")
        INVITATION = "invitation", _("By invitation only")

    countries = CountryField(_("countries"), multiple=True, blank=True)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    location = models.JSONField(
        _("location"), null=True, blank=True, help_text=_("A GeoJSON Point.")
    )
    boundary = models.JSONField(
        _("boundary"),
        null=True,
        blank=True,
        help_text=_("A GeoJSON Polygon or MultiPolygon of the landscape."),
    )
    area_ha = models.DecimalField(
        _("area (hectares)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    ilm_element = models.CharField(
        _("integrated landscape management element reached"),
        max_length=32,
        choices=ILMElement.choices,
        default=ILMElement.PARTNERSHIP,
    )
    join_policy = models.CharField(
        _("who can join"), max_length=16, choices=JoinPolicy.choices, default=JoinPolicy.REQUEST
    )
    members = models.ManyToManyField(
        User, through="Membership", related_name="partnerships", blank=True
    )

    class Meta(Organisation.Meta):
        verbose_name = _("landscape partnership")
        verbose_name_plural = _("landscape partnerships")
        indexes = [models.Index(fields=["region"]), models.Index(fields=["ilm_element"])]

    def save(self, *args, **kwargs):
        # The area always follows the boundary; nobody types it in.
        self.area_ha = geo.area_hectares(self.boundary) if self.boundary else None
        if self.boundary and not self.location:
            self.location = geo.centroid(self.boundary)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("people:partnership", args=[self.slug])

    def clean(self):
        if self.location:
            self.location = geo.clean_point(self.location)
        if self.boundary:
            self.boundary = geo.clean_boundary(self.boundary)

    @property
    def latitude(self):
        return self.location["coordinates"][1] if self.location else None

    @property
    def longitude(self):
        return self.location["coordinates"][0] if self.location else None

    def ilm_step(self):
        """1-based position of the element reached, for the progress indicator."""
        return list(ILMElement.values).index(self.ilm_element) + 1


class Membership(models.Model):
    """A person's membership of a partnership, with their role in it."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("Manager")
        MEMBER = "member", _("Member")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-role", "joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} · {self.partnership} ({self.role})"


class JoinRequest(models.Model):
    """A request to join a partnership whose policy is 'on request', decided by a manager."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="join_requests")
    message = models.TextField(_("message to the managers"), blank=True, max_length=1000)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "user"],
                condition=models.Q(status="pending"),
                name="join_request_one_pending",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.partnership} ({self.status})"


def _invitation_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An invitation by email to join a partnership. The address may have no account yet: the
    person lands in the partnership once they sign up and confirm that address."""

    VALID_FOR = timedelta(days=30)

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=16, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "partnership",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.partnership}"

    def get_absolute_url(self):
        return reverse("people:invitation", args=[self.token])

    @property
    def is_open(self):
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and timezone.now() < self.created_at + self.VALID_FOR
        )


class TrainingInstitute(ClusterableModel, Organisation):
    """An organisation that trains landscape practitioners and runs course cohorts."""

    country = CountryField(_("country"), blank=True)
    staff = models.ManyToManyField(
        User, through="InstituteStaff", related_name="institutes", blank=True
    )

    class Meta(Organisation.Meta):
        verbose_name = _("training institute")
        verbose_name_plural = _("training institutes")

    def get_absolute_url(self):
        return reverse("people:institute", args=[self.slug])


class InstituteStaff(models.Model):
    """A person working for a training institute, with their role there."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        FACILITATOR = "facilitator", _("Facilitator")

    # A ParentalKey so editors add and remove staff inline in the admin.
    institute = ParentalKey(TrainingInstitute, on_delete=models.CASCADE, related_name="staff_roles")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="institute_roles")
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.FACILITATOR
    )

    panels = [FieldPanel("user"), FieldPanel("role")]

    class Meta:
        verbose_name = _("institute staff")
        verbose_name_plural = _("institute staff")
        constraints = [
            models.UniqueConstraint(fields=["institute", "user"], name="institute_staff_unique"),
        ]

    def __str__(self):
        return f"{self.user} · {self.institute} ({self.role})"
