"""Reads for the directory pages: a fixed number of queries whatever the data size."""

from django.db.models import Count, Prefetch, Q

from .models import InstituteStaff, Membership, Partnership, TrainingInstitute, User


def people_directory(*, q="", country="", expertise="", language=""):
    people = User.objects.filter(is_active=True, is_profile_public=True)
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


def profile_memberships(*, user):
    return {
        "memberships": Membership.objects.filter(user=user).select_related("partnership"),
        "institute_roles": InstituteStaff.objects.filter(user=user).select_related("institute"),
    }


def institute_directory():
    return TrainingInstitute.objects.annotate(staff_count=Count("staff_roles")).order_by("name")


def institute_detail(*, slug):
    return TrainingInstitute.objects.prefetch_related(
        Prefetch(
            "staff_roles",
            queryset=InstituteStaff.objects.select_related("user").filter(user__is_active=True),
        )
    ).get(slug=slug)
