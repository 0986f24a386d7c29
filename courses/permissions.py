"""Who may run and follow cohorts. Institutes' roles are people's (``people.permissions``);
these rules only say what those roles allow in courses. Views, services and templates ask
these functions; none re-implements a rule."""

from django.db.models import Q

from people import permissions as people_permissions
from people.models import InstituteStaff, TrainingInstitute


def _signed_in(user):
    return bool(user and user.is_authenticated and user.is_active)


def can_run_cohorts(user, institute):
    """Create and edit an institute's cohorts: its administrators (and superusers)."""
    return people_permissions.can_manage_institute(user, institute)


def can_facilitate(user, cohort):
    """See a cohort's progress, export it and invite learners: its facilitators while they are
    on its institute's staff, the administrators of its institute, superusers. One query."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    from .models import Cohort

    return (
        Cohort.objects.filter(pk=cohort.pk)
        .filter(
            # A facilitator who has left the institute's staff no longer sees its learners.
            Q(facilitators=user, institute__staff_roles__user=user)
            | Q(
                institute__staff_roles__user=user,
                institute__staff_roles__role=InstituteStaff.Role.ADMIN,
            )
        )
        .exists()
    )


def institutes_run_by(user):
    """The institutes where this person may create cohorts (all of them for a superuser)."""
    if not _signed_in(user):
        return TrainingInstitute.objects.none()
    institutes = TrainingInstitute.objects.order_by("name")
    if user.is_superuser:
        return institutes
    return institutes.filter(
        staff_roles__user=user, staff_roles__role=InstituteStaff.Role.ADMIN
    ).distinct()


def cohorts_followed_by(user):
    """The cohorts this person facilitates or runs (as an administrator of the institute)."""
    from .models import Cohort

    if not _signed_in(user):
        return Cohort.objects.none()
    cohorts = Cohort.objects.all()
    if user.is_superuser:
        return cohorts
    # Subqueries, not joins: the rows stay one per cohort, so counts annotated on them hold.
    admin_of = InstituteStaff.objects.filter(user=user, role=InstituteStaff.Role.ADMIN).values(
        "institute_id"
    )
    facilitated = Cohort.facilitators.through.objects.filter(
        user=user, cohort__institute__staff_roles__user=user
    ).values("cohort_id")
    return cohorts.filter(Q(pk__in=facilitated) | Q(institute_id__in=admin_of))
