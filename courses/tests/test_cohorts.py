"""Cohorts through their services and permission rules: who may run and follow one, creating
and editing, inviting a pasted list of addresses, accepting an invitation."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from courses import permissions, services
from courses.models import CohortInvitation, Enrollment, LearningStatement
from courses.tests.factories import CohortFactory
from courses.tests.test_cohort_builders import build_cohort, build_course, join
from knowledge.tests.factories import translate
from people.models import InstituteStaff
from people.tests.factories import InstituteStaffFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture
def world():
    return build_cohort()


# --- Permissions ---------------------------------------------------------------------------


def test_who_may_run_and_follow_a_cohort(world, learner):
    other = build_cohort(course=world.course)
    superuser = UserFactory(is_superuser=True)
    cohort, institute = world.cohort, world.institute

    assert permissions.can_run_cohorts(world.admin, institute)
    assert permissions.can_run_cohorts(superuser, institute)
    assert not permissions.can_run_cohorts(world.facilitator, institute)
    assert not permissions.can_run_cohorts(other.admin, institute)
    assert not permissions.can_run_cohorts(AnonymousUser(), institute)

    assert permissions.can_facilitate(world.facilitator, cohort)
    assert permissions.can_facilitate(world.admin, cohort)
    assert permissions.can_facilitate(superuser, cohort)
    assert not permissions.can_facilitate(other.facilitator, cohort)
    assert not permissions.can_facilitate(other.admin, cohort)
    assert not permissions.can_facilitate(learner, cohort)
    assert not permissions.can_facilitate(AnonymousUser(), cohort)
    # A facilitator of the institute who was not given this cohort does not follow it.
    colleague = InstituteStaffFactory(institute=institute).user
    assert not permissions.can_facilitate(colleague, cohort)

    join(world, learner)
    assert not permissions.can_facilitate(learner, cohort)


def test_the_cohorts_and_institutes_a_person_follows(world):
    second = CohortFactory(institute=world.institute, course=world.course.course)
    elsewhere = build_cohort(course=world.course)
    assert set(permissions.cohorts_followed_by(world.admin)) == {world.cohort, second}
    assert list(permissions.cohorts_followed_by(world.facilitator)) == [world.cohort]
    assert list(permissions.cohorts_followed_by(elsewhere.facilitator)) == [elsewhere.cohort]
    assert list(permissions.institutes_run_by(world.admin)) == [world.institute]
    assert not permissions.institutes_run_by(world.facilitator).exists()


# --- Creating and editing ------------------------------------------------------------------


def _create(world, **overrides):
    fields = {
        "institute": world.institute,
        "course": world.course.course,
        "name": "  Nairobi, spring  ",
        "starts_on": TODAY,
        "ends_on": TODAY + datetime.timedelta(days=30),
        "facilitators": [world.facilitator],
        "by": world.admin,
    }
    return services.cohort_create(**{**fields, **overrides})


def test_an_administrator_creates_a_cohort(world):
    cohort = _create(world)
    assert cohort.name == "Nairobi, spring"
    assert list(cohort.facilitators.all()) == [world.facilitator]
    assert cohort.created_by == world.admin
    assert cohort.course_key == world.course.course.translation_key


def test_only_administrators_create_cohorts(world, learner):
    for person in (world.facilitator, learner):
        with pytest.raises(PermissionDenied):
            _create(world, by=person)


def test_a_cohort_ends_after_it_starts(world):
    with pytest.raises(ValidationError) as error:
        _create(world, ends_on=TODAY - datetime.timedelta(days=1))
    assert "ends_on" in error.value.error_dict


def test_facilitators_come_from_the_institutes_staff(world, learner):
    with pytest.raises(ValidationError) as error:
        _create(world, facilitators=[world.facilitator, learner])
    assert learner.name in str(error.value.error_dict["facilitators"])


def test_a_cohort_runs_a_published_course(world):
    draft = build_course().course
    draft.unpublish()
    with pytest.raises(ValidationError) as error:
        _create(world, course=draft)
    assert "course" in error.value.error_dict


def test_an_administrator_edits_a_cohort(world):
    colleague = InstituteStaffFactory(institute=world.institute).user
    services.cohort_update(
        cohort=world.cohort,
        by=world.admin,
        name="Autumn",
        ends_on=world.cohort.starts_on,
        facilitators=[colleague],
    )
    world.cohort.refresh_from_db()
    assert world.cohort.name == "Autumn"
    assert list(world.cohort.facilitators.all()) == [colleague]
    with pytest.raises(PermissionDenied):
        services.cohort_update(cohort=world.cohort, by=world.facilitator, name="Mine")
    with pytest.raises(ValidationError):
        services.cohort_update(
            cohort=world.cohort,
            by=world.admin,
            ends_on=world.cohort.starts_on - datetime.timedelta(days=1),
        )


# --- Inviting ------------------------------------------------------------------------------


def test_pasted_addresses_are_read_whatever_separates_them():
    text = (
        "ana@example.org, BO@example.org;cy@example.org\n"
        "  dee@example.org   Ana@Example.org\r\n"
        '"Eve Example" <eve@example.org>, Fay Example <fay@example.org>'
    )
    assert services.parse_emails(text) == [
        "ana@example.org",
        "BO@example.org",
        "cy@example.org",
        "dee@example.org",
        "eve@example.org",
        "fay@example.org",
    ]


def test_inviting_a_list_creates_invitations_and_emails_them_after_commit(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.cohort_invite(
            cohort=world.cohort,
            emails="ana@example.org\nbo@example.org, ana@EXAMPLE.org",
            by=world.facilitator,
        )
    assert [invitation.email for invitation in report.invited] == [
        "ana@example.org",
        "bo@example.org",
    ]
    assert CohortInvitation.objects.filter(cohort=world.cohort).count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["ana@example.org", "bo@example.org"]
    message = mail.outbox[0]
    invitation = CohortInvitation.objects.get(email=message.to[0])
    assert world.course.course.title in message.subject
    assert f"/en/cohorts/invitation/{invitation.token}/" in message.body
    assert world.institute.name in message.body


def test_no_email_leaves_before_the_invitations_are_saved(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.cohort_invite(cohort=world.cohort, emails="ana@example.org", by=world.admin)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_invitations_are_written_in_the_invitees_language_or_else_the_inviters(
    world, django_capture_on_commit_callbacks
):
    UserFactory(email="luc@example.org", preferred_language="fr")
    world.facilitator.preferred_language = "pt"
    world.facilitator.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.cohort_invite(
            cohort=world.cohort, emails="LUC@example.org stranger@example.org", by=world.facilitator
        )
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "/fr/cohorts/invitation/" in bodies["LUC@example.org"]
    assert "/pt/cohorts/invitation/" in bodies["stranger@example.org"]


def test_invalid_addresses_are_all_named_and_nobody_is_invited(world):
    with pytest.raises(ValidationError) as error:
        services.cohort_invite(
            cohort=world.cohort,
            emails="good@example.org, not-an-address, also@bad, fine@example.org",
            by=world.facilitator,
        )
    text = " ".join(error.value.message_dict["emails"])
    assert "not-an-address" in text and "also@bad" in text
    assert "good@example.org" not in text
    assert not CohortInvitation.objects.exists()
    with pytest.raises(ValidationError):
        services.cohort_invite(cohort=world.cohort, emails=" ,\n ", by=world.facilitator)


def test_people_already_invited_or_in_the_cohort_are_skipped(world):
    member = join(world, email="member@example.org")
    services.cohort_invite(cohort=world.cohort, emails="ana@example.org", by=world.facilitator)
    report = services.cohort_invite(
        cohort=world.cohort,
        emails=f"Ana@Example.org {member.email.upper()} new@example.org",
        by=world.facilitator,
    )
    assert [invitation.email for invitation in report.invited] == ["new@example.org"]
    assert report.already_invited == ["Ana@Example.org"]
    assert report.already_enrolled == [member.email.upper()]
    assert CohortInvitation.objects.count() == 2


def test_only_the_cohorts_facilitators_invite(world, learner):
    other = build_cohort(course=world.course)
    for person in (learner, other.facilitator, other.admin):
        with pytest.raises(PermissionDenied):
            services.cohort_invite(cohort=world.cohort, emails="ana@example.org", by=person)


# --- Accepting -----------------------------------------------------------------------------


def _invitation(world, email):
    report = services.cohort_invite(cohort=world.cohort, emails=email, by=world.facilitator)
    return report.invited[0]


def test_the_invitee_accepts_and_is_enrolled_through_the_cohort(world):
    invitee = UserFactory(email="amina@example.org")
    invitation = _invitation(world, "Amina@Example.ORG")
    enrollment = services.cohort_invitation_accept(invitation=invitation, user=invitee)
    assert enrollment.cohort == world.cohort and enrollment.is_active
    assert enrollment.course_key == world.course.course.translation_key
    invitation.refresh_from_db()
    assert invitation.accepted_by == invitee and invitation.accepted_at is not None
    # Accepting again (a second click) changes nothing.
    services.cohort_invitation_accept(invitation=invitation, user=invitee)
    assert Enrollment.objects.filter(user=invitee).count() == 1


def test_someone_else_cannot_accept_an_invitation(world, learner):
    invitation = _invitation(world, "amina@example.org")
    with pytest.raises(PermissionDenied, match="amina@example.org"):
        services.cohort_invitation_accept(invitation=invitation, user=learner)
    # An address of theirs that is not confirmed does not count either.
    EmailAddress.objects.create(user=learner, email="amina@example.org", verified=False)
    with pytest.raises(PermissionDenied):
        services.cohort_invitation_accept(invitation=invitation, user=learner)
    assert not Enrollment.objects.filter(user=learner).exists()


def test_a_used_invitation_cannot_be_used_by_another_account(world):
    first = UserFactory(email="amina@example.org")
    invitation = _invitation(world, "amina@example.org")
    services.cohort_invitation_accept(invitation=invitation, user=first)
    second = UserFactory()
    EmailAddress.objects.create(user=second, email="AMINA@example.org", verified=True)
    with pytest.raises(ValidationError):
        services.cohort_invitation_accept(invitation=invitation, user=second)


def test_an_invitation_to_an_invitation_only_course_enrolls(world):
    course = build_course(enrollment="invitation")
    world.cohort.course = course.course
    world.cohort.save()
    invitee = UserFactory(email="amina@example.org")
    invitation = _invitation(world, invitee.email)
    enrollment = services.cohort_invitation_accept(invitation=invitation, user=invitee)
    assert enrollment.cohort == world.cohort


def test_a_french_learner_is_enrolled_in_the_french_course(world):
    french = translate(world.course.course, "fr", title="Animer un partenariat")
    invitee = UserFactory(email="luc@example.org", preferred_language="fr")
    invitation = _invitation(world, invitee.email)
    services.cohort_invitation_accept(invitation=invitation, user=invitee)
    registered = LearningStatement.objects.get(user=invitee, verb="registered")
    assert registered.statement["object"]["definition"]["name"] == {"fr": french.title}
    assert services.course_for_language(world.cohort, "fr") == french
    assert services.course_for_language(world.cohort, "es") == world.course.course


def test_an_enrolled_learner_moves_into_the_cohort(world, learner):
    services.enrollment_create(user=learner, course=world.course.course)
    invitation = _invitation(world, learner.email)
    services.cohort_invitation_accept(invitation=invitation, user=learner)
    assert Enrollment.objects.get(user=learner).cohort == world.cohort


def test_invitations_are_accepted_when_the_address_is_confirmed(world):
    _invitation(world, "amina@example.org")
    person = UserFactory(email="amina@example.org")
    accepted = services.cohort_invitations_accept_for_email(user=person, email="Amina@example.org")
    assert [enrollment.cohort for enrollment in accepted] == [world.cohort]


def test_a_newcomer_invited_by_email_is_in_the_cohort_once_they_confirm(world, client, mailoutbox):
    import re

    _invitation(world, "nadia@example.org")
    client.post(
        "/en/accounts/signup/",
        {
            "display_name": "Nadia Benali",
            "email": "nadia@example.org",
            "password1": "terraces and olive trees",
            "password2": "terraces and olive trees",
        },
    )
    assert not Enrollment.objects.exists()  # not before the address is confirmed
    confirm_url = re.search(r"https?://[^/\s]+(/\S+/confirm-email/\S+/)", mailoutbox[-1].body)[1]
    client.post(confirm_url)
    enrollment = Enrollment.objects.get(user__email="nadia@example.org")
    assert enrollment.cohort == world.cohort and enrollment.is_active
    assert CohortInvitation.objects.get(email="nadia@example.org").accepted_at is not None


def test_withdrawing_an_invitation_and_removing_a_learner(world, learner):
    invitation = _invitation(world, "amina@example.org")
    with pytest.raises(PermissionDenied):
        services.cohort_invitation_revoke(invitation=invitation, by=learner)
    services.cohort_invitation_revoke(invitation=invitation, by=world.facilitator)
    assert not CohortInvitation.objects.exists()

    join(world, learner)
    enrollment = Enrollment.objects.get(user=learner)
    with pytest.raises(PermissionDenied):
        services.cohort_remove_learner(cohort=world.cohort, enrollment=enrollment, by=learner)
    services.cohort_remove_learner(cohort=world.cohort, enrollment=enrollment, by=world.admin)
    enrollment.refresh_from_db()
    assert enrollment.cohort is None and enrollment.is_active


def test_staff_roles_are_what_the_rules_read(world):
    # Demoting the administrator takes the right to run cohorts away at once.
    InstituteStaff.objects.filter(user=world.admin).update(role=InstituteStaff.Role.FACILITATOR)
    assert not permissions.can_run_cohorts(world.admin, world.institute)
    assert not permissions.can_facilitate(world.admin, world.cohort)


# --- Found in review -----------------------------------------------------------------------


def test_a_removed_learner_cannot_rejoin_with_the_old_link_but_can_be_invited_again(world, client):
    invitee = UserFactory(email="amina@example.org")
    invitation = services.cohort_invite(
        cohort=world.cohort, emails="amina@example.org", by=world.facilitator
    ).invited[0]
    services.cohort_invitation_accept(invitation=invitation, user=invitee)
    enrollment = Enrollment.objects.get(user=invitee)
    services.cohort_remove_learner(cohort=world.cohort, enrollment=enrollment, by=world.facilitator)

    client.force_login(invitee)
    client.post(reverse("courses:cohort_invitation", args=[invitation.token]))
    assert Enrollment.objects.get(user=invitee).cohort_id is None
    again = services.cohort_invite(
        cohort=world.cohort, emails="amina@example.org", by=world.facilitator
    )
    assert len(again.invited) == 1


def test_a_facilitator_who_left_the_institute_no_longer_sees_the_cohort(world, client):
    assert permissions.can_facilitate(world.facilitator, world.cohort)
    InstituteStaff.objects.filter(user=world.facilitator).delete()
    assert not permissions.can_facilitate(world.facilitator, world.cohort)
    assert not permissions.cohorts_followed_by(world.facilitator).exists()
    client.force_login(world.facilitator)
    assert client.get(reverse("courses:cohort_csv", args=[world.cohort.pk])).status_code == 403


def test_one_refused_address_does_not_keep_the_others_from_their_invitation(
    world, django_capture_on_commit_callbacks, mailoutbox, monkeypatch
):
    import smtplib

    from courses.services import cohorts as cohort_services

    real = cohort_services.send_mail

    def refusing(**kwargs):
        if kwargs["recipient_list"][0].startswith("bad"):
            raise smtplib.SMTPRecipientsRefused({kwargs["recipient_list"][0]: (550, b"no")})
        return real(**kwargs)

    monkeypatch.setattr(cohort_services, "send_mail", refusing)
    with django_capture_on_commit_callbacks(execute=True):
        services.cohort_invite(
            cohort=world.cohort,
            emails="a@example.org, bad@example.org, c@example.org, d@example.org",
            by=world.facilitator,
        )
    assert sorted(message.to[0] for message in mailoutbox) == [
        "a@example.org",
        "c@example.org",
        "d@example.org",
    ]


def test_a_learner_who_left_an_invitation_only_course_comes_back_to_their_cohort(
    world, client, learner
):
    from courses.models import CoursePage

    CoursePage.objects.filter(pk=world.course.course.pk).update(enrollment="invitation")
    course = CoursePage.objects.get(pk=world.course.course.pk)
    join(world, learner)
    services.enrollment_leave(user=learner, course=course)
    client.force_login(learner)
    assert "Enroll again" in client.get(reverse("courses:dashboard")).content.decode()
    client.post(reverse("courses:enroll", args=[course.pk]))
    enrollment = Enrollment.objects.get(user=learner)
    assert enrollment.is_active and enrollment.cohort == world.cohort
    # Someone never in a cohort is still refused.
    with pytest.raises(PermissionDenied):
        services.enrollment_create(user=UserFactory(), course=course)
