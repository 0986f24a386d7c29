"""Writes that carry the rules of people and partnerships.

Each function takes keyword arguments, runs in one transaction and validates before saving.
Rules about the last manager are enforced with the partnership row locked, so two managers
stepping down at the same moment cannot leave a partnership without one.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import permissions, selectors
from .models import (
    InstituteStaff,
    Invitation,
    JoinRequest,
    Membership,
    Partnership,
    SpokenLanguage,
    TrainingInstitute,
)

Role = Membership.Role
logger = logging.getLogger(__name__)


def _after_commit(send):
    """Send mail once the data is safe; a mail server that fails is logged, and never turns a
    saved invitation or request into an error page."""
    transaction.on_commit(send, robust=True)


# --- Profiles ------------------------------------------------------------------------------


def _stored_file_name(instance, field):
    manager = instance._meta.model._default_manager  # request.user is a lazy wrapper
    return manager.filter(pk=instance.pk).values_list(field, flat=True).first()


def _delete_replaced_file(instance, field, previous):
    """A replaced or cleared photo or logo is deleted once the change is committed, so an old
    picture (and its metadata) does not stay reachable at its public address."""
    current = getattr(instance, field).name
    if previous and previous != current:
        storage = getattr(instance, field).storage
        _after_commit(lambda: storage.delete(previous))


@transaction.atomic
def profile_update(*, user, languages=None, expertise=None, **fields):
    """Save a person's profile fields, spoken languages and expertise tags together."""
    previous_photo = _stored_file_name(user, "photo")
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password", "username", "email"])
    user.save()
    _delete_replaced_file(user, "photo", previous_photo)
    if languages is not None:
        user.spoken_languages.exclude(code__in=languages).delete()
        existing = set(user.spoken_languages.values_list("code", flat=True))
        SpokenLanguage.objects.bulk_create(
            [SpokenLanguage(user=user, code=code) for code in languages if code not in existing]
        )
    if expertise is not None:
        user.expertise.set(expertise)
    return user


def user_set_language(*, user, language):
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."))
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def _locked(partnership):
    return Partnership.objects.select_for_update().get(pk=partnership.pk)


def _ensure_another_holds(losing, *, rows, lead_role, message):
    """Refuse to take `lead_role` from `losing` unless another active person in `rows` holds it
    (a deactivated account does not count)."""
    if not rows.filter(role=lead_role, user__is_active=True).exclude(pk=losing.pk).exists():
        raise ValidationError(message)


def _ensure_a_manager_remains(partnership, *, losing):
    _ensure_another_holds(
        losing,
        rows=Membership.objects.filter(partnership=partnership),
        lead_role=Role.MANAGER,
        message=_(
            "%(partnership)s must keep at least one manager. Make another member a manager first."
        )
        % {"partnership": partnership.name},
    )


@transaction.atomic
def partnership_create(*, creator, **fields):
    """Create a partnership; its creator becomes its first manager."""
    if not permissions.can_create_partnership(creator):
        raise PermissionDenied(_("Only practitioners and editors can create a partnership."))
    partnership = Partnership(**fields)
    partnership.full_clean()
    partnership.save()
    Membership.objects.create(partnership=partnership, user=creator, role=Role.MANAGER)
    return partnership


@transaction.atomic
def partnership_update(*, partnership, by, **fields):
    if not permissions.can_manage_partnership(by, partnership):
        raise PermissionDenied(_("Only the partnership's managers can edit it."))
    previous_logo = _stored_file_name(partnership, "logo")
    for name, value in fields.items():
        setattr(partnership, name, value)
    partnership.full_clean()
    partnership.save()
    _delete_replaced_file(partnership, "logo", previous_logo)
    return partnership


def _add_member(*, partnership, user, role=Role.MEMBER):
    membership, created = Membership.objects.get_or_create(
        partnership=partnership, user=user, defaults={"role": role}
    )
    if not created and role == Role.MANAGER and membership.role != Role.MANAGER:
        membership.role = Role.MANAGER
        membership.save(update_fields=["role"])
    JoinRequest.objects.filter(
        partnership=partnership, user=user, status=JoinRequest.Status.PENDING
    ).update(status=JoinRequest.Status.APPROVED, decided_at=timezone.now())
    return membership


@transaction.atomic
def partnership_join(*, partnership, user, message=""):
    """Join an open partnership, or ask to join one that approves requests.

    Returns the Membership (open) or the JoinRequest (on request).
    """
    partnership = _locked(partnership)
    if permissions.membership_of(user, partnership):
        raise ValidationError(_("You are already a member of %(name)s.") % {"name": partnership})
    if permissions.can_join_partnership(user, partnership):
        return _add_member(partnership=partnership, user=user)
    if permissions.can_request_to_join(user, partnership):
        existing = JoinRequest.objects.filter(
            partnership=partnership, user=user, status=JoinRequest.Status.PENDING
        ).first()
        if existing:
            return existing
        join_request = JoinRequest(partnership=partnership, user=user, message=message)
        join_request.full_clean()
        join_request.save()
        _notify_managers_of_request(join_request)
        return join_request
    raise PermissionDenied(_("You can only join %(name)s by invitation.") % {"name": partnership})


@transaction.atomic
def join_request_decide(*, join_request, by, approve):
    partnership = _locked(join_request.partnership)
    if not permissions.can_manage_partnership(by, partnership):
        raise PermissionDenied(_("Only the partnership's managers can decide on requests."))
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    join_request.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        _add_member(partnership=partnership, user=join_request.user)
    return join_request


@transaction.atomic
def membership_set_role(*, membership, role, by):
    partnership = _locked(membership.partnership)
    if not permissions.can_manage_partnership(by, partnership):
        raise PermissionDenied(_("Only the partnership's managers can change roles."))
    membership = Membership.objects.get(pk=membership.pk)
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    if membership.role == Role.MANAGER and role != Role.MANAGER:
        _ensure_a_manager_remains(partnership, losing=membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership, by):
    """A member leaves, or a manager removes someone. The last manager can do neither."""
    partnership = _locked(membership.partnership)
    membership = Membership.objects.get(pk=membership.pk)
    if by.pk != membership.user_id and not permissions.can_manage_partnership(by, partnership):
        raise PermissionDenied(_("Only the partnership's managers can remove members."))
    if membership.role == Role.MANAGER:
        _ensure_a_manager_remains(partnership, losing=membership)
    membership.delete()


@transaction.atomic
def invitation_create(*, partnership, email, by, role=Role.MEMBER, request=None):
    """Invite an address to a partnership and email the link. Re-inviting an address with an
    open invitation sends the same link again instead of making a second one."""
    if not permissions.can_manage_partnership(by, partnership):
        raise PermissionDenied(_("Only the partnership's managers can invite people."))
    # Serialise invitations to one partnership: a double-submitted form makes one invitation.
    partnership = _locked(partnership)
    email = email.strip()
    if Membership.objects.filter(partnership=partnership, user__email__iexact=email).exists():
        raise ValidationError({"email": _("%(email)s is already a member.") % {"email": email}})
    invitation = (
        Invitation.objects.filter(
            partnership=partnership,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        )
        .order_by("-created_at")
        .first()
    )
    if invitation is None or not invitation.is_open:
        if invitation is not None:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
        invitation = Invitation(partnership=partnership, email=email, role=role, invited_by=by)
        invitation.full_clean()
        invitation.save()
    elif invitation.role != role:
        invitation.role = role
        invitation.save(update_fields=["role"])
    _after_commit(lambda: _send_invitation(invitation, request))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation, user):
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation has expired or was already used."))
    if not user.emailaddress_set.filter(email__iexact=invitation.email, verified=True).exists():
        raise PermissionDenied(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    partnership = _locked(invitation.partnership)
    membership = _add_member(partnership=partnership, user=user, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def invitations_accept_for_email(*, user, email):
    """Called when someone confirms an address: every open invitation to it is accepted, so a
    person invited before they had an account lands in the partnership on sign-up."""
    accepted = []
    for invitation in Invitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ):
        if not invitation.is_open:
            continue
        try:
            accepted.append(invitation_accept(invitation=invitation, user=user))
        except (ValidationError, PermissionDenied):
            # Expired or taken meanwhile: confirming the address must still succeed.
            logger.info("Invitation %s could not be accepted on confirmation", invitation.pk)
    return accepted


@transaction.atomic
def invitation_revoke(*, invitation, by):
    if not permissions.can_manage_partnership(by, invitation.partnership):
        raise PermissionDenied(_("Only the partnership's managers can withdraw invitations."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def _absolute(request, path):
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send_invitation(invitation, request):
    context = {
        "invitation": invitation,
        "partnership": invitation.partnership,
        "inviter": invitation.invited_by,
        "url": _absolute(request, invitation.get_absolute_url()),
    }
    send_mail(
        subject=_("You are invited to join %(name)s on Landscape Network")
        % {"name": invitation.partnership.name},
        message=render_to_string("people/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


def _notify_managers_of_request(join_request):
    partnership = join_request.partnership
    managers = list(
        Membership.objects.filter(partnership=partnership, role=Role.MANAGER).select_related("user")
    )

    def send():
        for manager in managers:
            language = manager.user.preferred_language or settings.LANGUAGE_CODE
            with translation.override(language):
                path = reverse("people:partnership_members", args=[partnership.slug])
                context = {
                    "join_request": join_request,
                    "partnership": partnership,
                    "manager": manager.user,
                    "url": _absolute(None, path),
                }
                send_mail(
                    subject=_("%(person)s asks to join %(name)s")
                    % {"person": join_request.user.name, "name": partnership.name},
                    message=render_to_string("people/email/join_request.txt", context),
                    from_email=None,
                    recipient_list=[manager.user.email],
                )

    _after_commit(send)


# --- Training institute staff --------------------------------------------------------------


def _ensure_an_admin_remains(staff):
    _ensure_another_holds(
        staff,
        rows=InstituteStaff.objects.filter(institute_id=staff.institute_id),
        lead_role=InstituteStaff.Role.ADMIN,
        message=_(
            "The institute must keep at least one administrator. Make someone else one first."
        ),
    )


def _locked_institute(institute):
    return TrainingInstitute.objects.select_for_update().get(pk=institute.pk)


@transaction.atomic
def institute_staff_add(*, institute, email, role, by):
    """Add a person with a confirmed account to an institute's staff."""
    institute = _locked_institute(institute)
    if not permissions.can_manage_institute(by, institute):
        raise PermissionDenied(_("Only the institute's administrators can change its staff."))
    person = (
        selectors.confirmed_people()
        .filter(emailaddress__email__iexact=email.strip(), emailaddress__verified=True)
        .first()
    )
    if person is None:
        raise ValidationError(
            {"email": _("Nobody has confirmed this address yet. Ask them to sign up first.")}
        )
    if InstituteStaff.objects.filter(institute=institute, user=person).exists():
        raise ValidationError({"email": _("This person is already on the staff.")})
    staff = InstituteStaff(institute=institute, user=person, role=role)
    staff.full_clean()
    staff.save()
    return staff


@transaction.atomic
def institute_staff_set_role(*, staff, role, by):
    _locked_institute(staff.institute)
    if not permissions.can_manage_institute(by, staff.institute):
        raise PermissionDenied(_("Only the institute's administrators can change its staff."))
    staff = InstituteStaff.objects.get(pk=staff.pk)
    if staff.role == InstituteStaff.Role.ADMIN and role != InstituteStaff.Role.ADMIN:
        _ensure_an_admin_remains(staff)
    staff.role = role
    staff.full_clean()
    staff.save(update_fields=["role"])
    return staff


@transaction.atomic
def institute_staff_remove(*, staff, by):
    _locked_institute(staff.institute)
    staff = InstituteStaff.objects.get(pk=staff.pk)
    if by.pk != staff.user_id and not permissions.can_manage_institute(by, staff.institute):
        raise PermissionDenied(_("Only the institute's administrators can change its staff."))
    if staff.role == InstituteStaff.Role.ADMIN:
        _ensure_an_admin_remains(staff)
    staff.delete()
