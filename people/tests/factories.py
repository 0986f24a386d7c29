"""Factories for every model of `people`; other apps' tests build on these."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from people.models import (
    ILMElement,
    InstituteStaff,
    Invitation,
    JoinRequest,
    Membership,
    Partnership,
    Region,
    SpokenLanguage,
    TrainingInstitute,
    User,
)

PASSWORD = "a-good-long-test-password"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    display_name = factory.Faker("name")
    country = "KE"
    is_profile_public = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """A confirmed email address, as allauth keeps it (pass verified=False to skip)."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)
        if create:
            obj.save()

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                obj.groups.add(Group.objects.get_or_create(name=name)[0])


class SpokenLanguageFactory(DjangoModelFactory):
    class Meta:
        model = SpokenLanguage

    user = factory.SubFactory(UserFactory)
    code = "en"


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Landscape partnership {n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")
    description = factory.Faker("paragraph")
    countries = ["KE"]
    region = Region.SUB_SAHARAN_AFRICA
    ilm_element = ILMElement.PARTNERSHIP
    join_policy = Partnership.JoinPolicy.OPEN


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    partnership = factory.SubFactory(PartnershipFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class JoinRequestFactory(DjangoModelFactory):
    class Meta:
        model = JoinRequest

    partnership = factory.SubFactory(PartnershipFactory, join_policy=Partnership.JoinPolicy.REQUEST)
    user = factory.SubFactory(UserFactory)


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    partnership = factory.SubFactory(PartnershipFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    invited_by = factory.SubFactory(UserFactory)


class TrainingInstituteFactory(DjangoModelFactory):
    class Meta:
        model = TrainingInstitute

    name = factory.Sequence(lambda n: f"Training institute {n}")
    slug = factory.Sequence(lambda n: f"institute-{n}")
    country = "BR"


class InstituteStaffFactory(DjangoModelFactory):
    class Meta:
        model = InstituteStaff

    institute = factory.SubFactory(TrainingInstituteFactory)
    user = factory.SubFactory(UserFactory)
    role = InstituteStaff.Role.FACILITATOR
