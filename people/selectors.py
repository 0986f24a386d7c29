"""Reads for the directory pages: a fixed number of queries whatever the data size."""

from allauth.account.models import EmailAddress
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from .models import (
    InstituteStaff,
    Invitation,
    JoinRequest,
    Membership,
    Partnership,
    TrainingInstitute,
    User,
)


def confirmed_people():
    """Active accounts with a confirmed address: unconfirmed sign-ups are not listed."""
    return User.objects.filter(is_active=True).filter(
        Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True))
    )


def people_directory(*, q="", country="", expertise="", language=""):
    people = confirmed_people().filter(is_profile_public=True)
    if q:
        people = people.filter(
            Q(display_name__icontains=q) | Q(username__icontains=q) | Q(affiliations__icontains=q)
        )
    if country:
        people = people.filter(country=country)
    if expertise:
        people = people.filter(expertise__name__iexact=expertise)
    if language:
        people = people.filter(spoken_languages__code=language)
    return (
        people.distinct()
        .prefetch_related("expertise", "spoken_languages")
        .order_by("display_name", "username")
    )


def partnership_directory(*, q="", country="", region="", ilm_element=""):
    partnerships = Partnership.objects.annotate(member_count=Count("memberships"))
    if q:
        partnerships = partnerships.filter(Q(name__icontains=q) | Q(description__icontains=q))
    if country:
        # CountryField(multiple=True) stores two-letter codes joined by commas, so a code can
        # only match a whole code.
        partnerships = partnerships.filter(countries__contains=country)
    if region:
        partnerships = partnerships.filter(region=region)
    if ilm_element:
        partnerships = partnerships.filter(ilm_element=ilm_element)
    return partnerships.order_by("name")


def partnership_members(*, partnership):
    return (
        Membership.objects.filter(partnership=partnership, user__is_active=True)
        .select_related("user")
        .order_by("-role", "user__display_name")
    )


def pending_request(*, partnership, user):
    if not user.is_authenticated:
        return None
    return JoinRequest.objects.filter(
        partnership=partnership, user=user, status=JoinRequest.Status.PENDING
    ).first()


def pending_requests(*, partnership):
    return partnership.join_requests.filter(status=JoinRequest.Status.PENDING).select_related(
        "user"
    )


def open_invitations(*, partnership):
    return Invitation.objects.filter(
        partnership=partnership,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        created_at__gt=timezone.now() - Invitation.VALID_FOR,
    ).select_related("invited_by")


def profile_memberships(*, user):
    return {
        "memberships": Membership.objects.filter(user=user).select_related("partnership"),
        "institute_roles": InstituteStaff.objects.filter(user=user).select_related("institute"),
    }


def institute_staff(*, institute):
    return (
        InstituteStaff.objects.filter(institute=institute)
        .select_related("user")
        .order_by("role", "user__display_name")
    )


def institute_directory():
    return TrainingInstitute.objects.annotate(staff_count=Count("staff_roles")).order_by("name")


def institute_detail(*, slug):
    return TrainingInstitute.objects.prefetch_related(
        Prefetch(
            "staff_roles",
            queryset=InstituteStaff.objects.select_related("user").filter(user__is_active=True),
        )
    ).get(slug=slug)
