"""Who may do what: every permission rule of the platform's people and organisations, in one
place. Views, templates and later apps ask these functions; none re-implements a rule.

Roles:
- learner: anyone signed in with a confirmed account.
- practitioner: a member of a landscape partnership, or in the "Practitioners" group.
- editor: may use the Wagtail admin (Wagtail's "Editors" and "Moderators" groups).
- moderator: in the "Forum moderators" group; moderates discussions.
- institute staff: staff of a training institute (administrator or facilitator).
- partnership manager: manager of at least one partnership.
"""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

PRACTITIONERS_GROUP = "Practitioners"
FORUM_MODERATORS_GROUP = "Forum moderators"


class Role(TextChoices):
    LEARNER = "learner", _("Learner")
    PRACTITIONER = "practitioner", _("Practitioner")
    EDITOR = "editor", _("Editor")
    MODERATOR = "moderator", _("Moderator")
    INSTITUTE_STAFF = "institute-staff", _("Institute staff")
    PARTNERSHIP_MANAGER = "partnership-manager", _("Partnership manager")


def _group_names(user):
    # Cached on the user object: a page asks several rules of the same person.
    if not hasattr(user, "_ln_group_names"):
        user._ln_group_names = set(user.groups.values_list("name", flat=True))
    return user._ln_group_names


def _signed_in(user):
    return bool(user and user.is_authenticated and user.is_active)


def roles_of(user):
    """The set of roles a person holds, for display and for the rules below."""
    if not _signed_in(user):
        return set()
    from .models import InstituteStaff, Membership

    roles = {Role.LEARNER}
    groups = _group_names(user)
    memberships = list(Membership.objects.filter(user=user).values_list("role", flat=True))
    if memberships or PRACTITIONERS_GROUP in groups:
        roles.add(Role.PRACTITIONER)
    if Membership.Role.MANAGER in memberships:
        roles.add(Role.PARTNERSHIP_MANAGER)
    if user.is_superuser or user.has_perm("wagtailadmin.access_admin"):
        roles.add(Role.EDITOR)
    if user.is_superuser or FORUM_MODERATORS_GROUP in groups:
        roles.add(Role.MODERATOR)
    if InstituteStaff.objects.filter(user=user).exists():
        roles.add(Role.INSTITUTE_STAFF)
    return roles


def is_practitioner(user):
    return Role.PRACTITIONER in roles_of(user)


def is_editor(user):
    return _signed_in(user) and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def is_moderator(user):
    return _signed_in(user) and (user.is_superuser or FORUM_MODERATORS_GROUP in _group_names(user))


# --- Profiles ------------------------------------------------------------------------------


def can_view_profile(user, person):
    """Public profiles are for everyone; a hidden one only for its owner and moderators."""
    if not person.is_active:
        return False
    if person.is_profile_public:
        from .selectors import confirmed_people

        if confirmed_people().filter(pk=person.pk).exists():
            return True
    return _signed_in(user) and (user.pk == person.pk or is_moderator(user))


def can_edit_profile(user, person):
    return _signed_in(user) and user.pk == person.pk


# --- Partnerships --------------------------------------------------------------------------


def membership_of(user, partnership):
    if not _signed_in(user):
        return None
    from .models import Membership

    return Membership.objects.filter(user=user, partnership=partnership).first()


def can_create_partnership(user):
    return is_practitioner(user) or is_editor(user)


def can_manage_partnership(user, partnership):
    """Edit the partnership, invite, approve requests, change roles, remove members."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    membership = membership_of(user, partnership)
    return bool(membership and membership.role == membership.Role.MANAGER)


def can_join_partnership(user, partnership):
    """Join directly (open policy). Invitation-only partnerships are joined through an
    invitation; request-policy ones through a request."""
    return (
        _signed_in(user)
        and partnership.join_policy == partnership.JoinPolicy.OPEN
        and membership_of(user, partnership) is None
    )


def can_request_to_join(user, partnership):
    return (
        _signed_in(user)
        and partnership.join_policy == partnership.JoinPolicy.REQUEST
        and membership_of(user, partnership) is None
    )


# --- Training institutes -------------------------------------------------------------------


def can_manage_institute(user, institute):
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    from .models import InstituteStaff

    return InstituteStaff.objects.filter(
        user=user, institute=institute, role=InstituteStaff.Role.ADMIN
    ).exists()


def is_institute_staff(user, institute=None):
    if not _signed_in(user):
        return False
    from .models import InstituteStaff

    staff = InstituteStaff.objects.filter(user=user)
    if institute is not None:
        staff = staff.filter(institute=institute)
    return staff.exists()
