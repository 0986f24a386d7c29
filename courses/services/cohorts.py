"""What an institute does: run a cohort of a course, invite learners to it by email, follow
them. Each function runs in one transaction, checks permission first and validates before
saving; emails leave only once the transaction has committed."""

import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from people.models import InstituteStaff, User

from .. import permissions
from ..models import Cohort, CohortInvitation, CoursePage, Enrollment
from .learning import enrollment_create

logger = logging.getLogger(__name__)

# One paste of addresses at most: a cohort is a class, not a mailing list.
MAX_INVITATIONS_AT_ONCE = 500
COHORT_FIELDS = ("name", "starts_on", "ends_on")


def _after_commit(send):
    """Mail leaves once the data is safe; a failing mail server is logged by Django and never
    turns saved invitations into an error page."""
    transaction.on_commit(send, robust=True)


# --- Cohorts ---------------------------------------------------------------------------------


def _check_cohort(cohort, facilitators):
    errors = {}
    if cohort.starts_on and cohort.ends_on and cohort.ends_on < cohort.starts_on:
        errors["ends_on"] = _("The cohort must end on or after the day it starts.")
    course = cohort.course if cohort.course_id else None
    if course is None or not course.live:
        errors["course"] = _("Choose a published course.")
    staff = set(
        InstituteStaff.objects.filter(institute=cohort.institute).values_list("user_id", flat=True)
    )
    strangers = [person for person in facilitators if person.pk not in staff]
    if strangers:
        errors["facilitators"] = _(
            "Facilitators must be on the staff of %(institute)s: %(people)s is not."
        ) % {
            "institute": cohort.institute.name,
            "people": ", ".join(person.name for person in strangers),
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def cohort_create(*, institute, course, name, starts_on, ends_on, facilitators=(), by):
    """An institute's administrator opens a cohort of a course, with its facilitators (people
    on the institute's staff)."""
    if not permissions.can_run_cohorts(by, institute):
        raise PermissionDenied(_("Only the institute's administrators can create cohorts."))
    facilitators = list(facilitators)
    cohort = Cohort(
        institute=institute,
        course=course,
        name=(name or "").strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by,
    )
    _check_cohort(cohort, facilitators)
    cohort.full_clean()
    cohort.save()
    cohort.facilitators.set(facilitators)
    return cohort


@transaction.atomic
def cohort_update(*, cohort, by, facilitators=None, **fields):
    """Rename a cohort, move its dates, change its facilitators. The course stays: learners
    are enrolled in it."""
    cohort = (
        Cohort.objects.select_for_update().select_related("institute", "course").get(pk=cohort.pk)
    )
    if not permissions.can_run_cohorts(by, cohort.institute):
        raise PermissionDenied(_("Only the institute's administrators can edit cohorts."))
    unknown = set(fields) - set(COHORT_FIELDS)
    if unknown:
        raise TypeError(f"cohort_update() cannot change {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(cohort, name, value.strip() if name == "name" else value)
    facilitators = list(cohort.facilitators.all() if facilitators is None else facilitators)
    _check_cohort(cohort, facilitators)
    cohort.full_clean()
    cohort.save()
    cohort.facilitators.set(facilitators)
    return cohort


# --- Invitations -----------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[,;\n\r]+")
_BRACKETED = re.compile(r"<([^<>]*)>")


def parse_emails(text):
    """The addresses in a pasted list, in order and without repeats (compared without case).
    Separated by commas, semicolons, spaces or new lines; "Name <address>" as mail programs
    copy them gives the address."""
    found, seen = [], set()
    for chunk in _SEPARATORS.split(text or ""):
        bracketed = _BRACKETED.findall(chunk)
        for token in bracketed or chunk.split():
            token = token.strip().strip("\"'()[]")
            if token and token.lower() not in seen:
                seen.add(token.lower())
                found.append(token)
    return found


def _invalid(addresses):
    invalid = []
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            invalid.append(address)
    return invalid


@dataclass
class InvitationReport:
    """What ``cohort_invite`` did with each address it was given."""

    invited: list = field(default_factory=list)  # new CohortInvitation rows
    already_invited: list = field(default_factory=list)  # addresses
    already_enrolled: list = field(default_factory=list)  # addresses


@transaction.atomic
def cohort_invite(*, cohort, emails, by, request=None):
    """Invite a list of addresses (pasted text or a list) to a cohort and email each one a
    link. Nothing is saved if any address is not valid: the error names them all. Addresses
    already invited, or of learners already in the cohort, are reported and skipped."""
    if not permissions.can_facilitate(by, cohort):
        raise PermissionDenied(_("Only the cohort's facilitators can invite learners."))
    # Serialise invitations to one cohort: a double-submitted form invites each address once.
    cohort = (
        Cohort.objects.select_for_update().select_related("course", "institute").get(pk=cohort.pk)
    )
    addresses = parse_emails(emails) if isinstance(emails, str) else parse_emails("\n".join(emails))
    if not addresses:
        raise ValidationError({"emails": _("Enter at least one email address.")})
    invalid = _invalid(addresses)
    if invalid:
        raise ValidationError(
            {
                "emails": _(
                    "These are not valid email addresses: %(addresses)s. Correct or remove "
                    "them; nobody has been invited yet."
                )
                % {"addresses": ", ".join(invalid)}
            }
        )
    if len(addresses) > MAX_INVITATIONS_AT_ONCE:
        raise ValidationError(
            {
                "emails": _("Invite at most %(count)s people at once.")
                % {"count": MAX_INVITATIONS_AT_ONCE}
            }
        )
    lowered = [address.lower() for address in addresses]
    invited = set(
        CohortInvitation.objects.filter(cohort=cohort)
        .annotate(address=Lower("email"))
        .filter(address__in=lowered)
        .values_list("address", flat=True)
    )
    enrolled = {
        email.lower()
        for email in Enrollment.objects.filter(
            cohort=cohort, status=Enrollment.Status.ACTIVE
        ).values_list("user__email", flat=True)
    }
    report = InvitationReport()
    for address in addresses:
        key = address.lower()
        if key in enrolled:
            report.already_enrolled.append(address)
        elif key in invited:
            report.already_invited.append(address)
        else:
            invitation = CohortInvitation(cohort=cohort, email=address, invited_by=by)
            invitation.full_clean(validate_unique=False, validate_constraints=False)
            report.invited.append(invitation)
    CohortInvitation.objects.bulk_create(report.invited)
    if report.invited:
        invitations = list(report.invited)
        _after_commit(lambda: _send_invitations(invitations, cohort, by, request))
    return report


def _languages_of(addresses):
    """The interface language of the people who already have an account at these addresses."""
    people = User.objects.annotate(address=Lower("email")).filter(
        address__in=[address.lower() for address in addresses]
    )
    return dict(people.exclude(preferred_language="").values_list("address", "preferred_language"))


def _absolute(request, path):
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send_invitations(invitations, cohort, inviter, request):
    """Each invitation in its reader's language: theirs if they have an account, else the
    inviter's."""
    languages = _languages_of([invitation.email for invitation in invitations])
    fallback = (inviter.preferred_language if inviter else "") or settings.LANGUAGE_CODE
    for invitation in invitations:
        language = languages.get(invitation.email.lower(), fallback)
        with translation.override(language):
            course = course_for_language(cohort, language)
            context = {
                "invitation": invitation,
                "cohort": cohort,
                "course": course,
                "institute": cohort.institute,
                "inviter": inviter,
                "url": _absolute(request, invitation.get_absolute_url()),
            }
            try:
                send_mail(
                    subject=_("You are invited to the course %(course)s")
                    % {"course": course.title},
                    message=render_to_string("courses/email/cohort_invitation.txt", context),
                    from_email=None,
                    recipient_list=[invitation.email],
                )
            except Exception:
                # One refused address must not keep the others from being told.
                logger.exception("Cohort invitation to %s could not be sent", invitation.email)


def course_for_language(cohort, language):
    """The cohort's course in this language when it is translated and live, else as the
    cohort names it."""
    course = cohort.course
    if course.locale_id and course.locale.language_code == language:
        return course
    translated = (
        CoursePage.objects.live()
        .filter(translation_key=course.translation_key, locale__language_code=language)
        .first()
    )
    return translated or course


@transaction.atomic
def cohort_invitation_accept(*, invitation, user, now=None):
    """The invited person joins the cohort: they are enrolled in its course (in their language
    when it is translated), or their enrollment moves into this cohort. Only the person the
    invitation was sent to may accept it (a confirmed address of theirs, compared without
    case)."""
    now = now or timezone.now()
    if not (user and user.is_authenticated and user.is_active):
        raise PermissionDenied(_("Sign in to accept the invitation."))
    invitation = (
        CohortInvitation.objects.select_for_update()
        .select_related("cohort__course", "cohort__institute")
        .get(pk=invitation.pk)
    )
    if invitation.accepted_at is not None and invitation.accepted_by_id != user.pk:
        raise ValidationError(_("This invitation has already been used."))
    if not user.emailaddress_set.filter(email__iexact=invitation.email, verified=True).exists():
        raise PermissionDenied(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    cohort = invitation.cohort
    language = user.preferred_language or translation.get_language() or settings.LANGUAGE_CODE
    course = course_for_language(cohort, language)
    enrollment = enrollment_create(user=user, course=course, cohort=cohort, now=now)
    if invitation.accepted_at is None:
        invitation.accepted_at = now
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return enrollment


def cohort_invitations_accept_for_email(*, user, email):
    """When someone confirms an address, every open invitation to it is accepted, so a person
    invited before they had an account lands in the cohort on sign-up."""
    accepted = []
    for invitation in CohortInvitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True
    ):
        try:
            accepted.append(cohort_invitation_accept(invitation=invitation, user=user))
        except (ValidationError, PermissionDenied):
            # Closed course, used meanwhile: confirming the address must still succeed.
            logger.info("Cohort invitation %s not accepted on confirmation", invitation.pk)
    return accepted


@transaction.atomic
def cohort_invitation_revoke(*, invitation, by):
    """Withdraw an invitation nobody has accepted yet (its link stops working)."""
    if not permissions.can_facilitate(by, invitation.cohort):
        raise PermissionDenied(_("Only the cohort's facilitators can withdraw invitations."))
    invitation = CohortInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has been accepted: it cannot be withdrawn."))
    invitation.delete()


@transaction.atomic
def cohort_remove_learner(*, cohort, enrollment, by):
    """Take a learner out of a cohort. They stay enrolled in the course with all their
    progress; the cohort's figures no longer count them."""
    if not permissions.can_facilitate(by, cohort):
        raise PermissionDenied(_("Only the cohort's facilitators can remove learners."))
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.cohort_id != cohort.pk:
        raise ValidationError(_("This learner is not in the cohort."))
    enrollment.cohort = None
    enrollment.save(update_fields=["cohort"])
    # Their invitation is used up: its link must not bring them back, and the facilitators
    # may invite them again.
    CohortInvitation.objects.filter(cohort=cohort, accepted_by=enrollment.user_id).delete()
    return enrollment
