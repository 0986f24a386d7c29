"""Who may read, post and moderate where. Views, services, consumers, feeds and search all
ask these functions; none re-implements a rule.

- Public categories: everyone reads; signed-in people with a confirmed account post.
- A partnership's category: only its members read and post; its managers moderate it.
- A cohort's category: its active learners, its facilitators and its institute's
  administrators read and post; the facilitators and administrators moderate it.
- Forum moderators (the "Forum moderators" group) moderate every public category. They do not
  read private spaces they do not belong to: a partnership's conversations stay its own.
- Superusers read and moderate everything.
"""

from django.db.models import Q
from django.utils import timezone

from people import permissions as people_permissions


def _signed_in(user):
    return bool(user and user.is_authenticated and user.is_active)


def private_access(user):
    """(partnership ids, cohort ids, moderated partnership ids, moderated cohort ids) for this
    person, cached on the user object: one page asks many times."""
    partnerships, managed = _partnership_access(user)
    cohorts, followed = cohort_access(user)
    return partnerships, cohorts, managed, followed


def _partnership_access(user):
    """(member of, manager of): one query, cached on the user object."""
    cached = getattr(user, "_ln_forum_partnerships", None)
    if cached is None:
        from people.models import Membership

        rows = list(Membership.objects.filter(user=user).values_list("partnership_id", "role"))
        cached = (
            frozenset(pk for pk, _ in rows),
            frozenset(pk for pk, role in rows if role == Membership.Role.MANAGER),
        )
        user._ln_forum_partnerships = cached
    return cached


def cohort_access(user):
    """(cohorts this person learns in or follows, cohorts they follow as facilitator or
    institute administrator): one query, cached on the user object."""
    cached = getattr(user, "_ln_forum_cohorts", None)
    if cached is None:
        from django.db.models import Exists, OuterRef

        from courses.models import Cohort, Enrollment
        from courses.permissions import cohorts_followed_by

        followed = cohorts_followed_by(user)
        rows = list(
            Cohort.objects.filter(
                Q(
                    pk__in=Enrollment.objects.filter(
                        user=user, status=Enrollment.Status.ACTIVE, cohort__isnull=False
                    ).values("cohort_id")
                )
                | Q(pk__in=followed.values("pk"))
            )
            .annotate(followed=Exists(followed.filter(pk=OuterRef("pk"))))
            .values_list("pk", "followed")
        )
        cached = (frozenset(pk for pk, _ in rows), frozenset(pk for pk, f in rows if f))
        user._ln_forum_cohorts = cached
    return cached


def forget(user):
    """Drop what was cached on the user object (a consumer re-checks after a move)."""
    user.__dict__.pop("_ln_forum_partnerships", None)
    user.__dict__.pop("_ln_forum_cohorts", None)
    user.__dict__.pop("_ln_group_names", None)


def readable_q(user, prefix=""):
    """A Q over Category (or, with prefix "category__", over Topic) that keeps what this
    person may read."""
    public = Q(**{f"{prefix}partnership__isnull": True, f"{prefix}cohort__isnull": True})
    if not _signed_in(user):
        return public
    if user.is_superuser:
        return Q()
    partnerships, cohorts, _, _ = private_access(user)
    return (
        public
        | Q(**{f"{prefix}partnership_id__in": partnerships})
        | Q(**{f"{prefix}cohort_id__in": cohorts})
    )


def can_read_category(user, category):
    if not category.is_private:
        return True
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    partnerships, cohorts, _, _ = private_access(user)
    if category.partnership_id:
        return category.partnership_id in partnerships
    return category.cohort_id in cohorts


def can_read_topic(user, topic):
    return can_read_category(user, topic.category)


def can_read_post(user, post):
    if not can_read_topic(user, post.topic):
        return False
    return (
        not post.is_hidden
        or post.author_id == getattr(user, "pk", None)
        or can_moderate(user, post.topic.category)
    )


def can_moderate(user, category):
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    if category.partnership_id:
        return category.partnership_id in private_access(user)[2]
    if category.cohort_id:
        return category.cohort_id in private_access(user)[3]
    return people_permissions.is_moderator(user)


def moderated_q(user, prefix=""):
    """A Q over Category (or Topic, with prefix) of the places this person moderates."""
    if not _signed_in(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    _, _, managed, followed = private_access(user)
    q = Q(**{f"{prefix}partnership_id__in": managed}) | Q(**{f"{prefix}cohort_id__in": followed})
    if people_permissions.is_moderator(user):
        q |= Q(**{f"{prefix}partnership__isnull": True, f"{prefix}cohort__isnull": True})
    return q


def is_any_moderator(user):
    if not _signed_in(user):
        return False
    if user.is_superuser or people_permissions.is_moderator(user):
        return True
    _, _, managed, followed = private_access(user)
    return bool(managed or followed)


def active_suspension(user):
    from .models import Suspension

    return (
        Suspension.objects.filter(user=user, until__gt=timezone.now(), lifted_at__isnull=True)
        .order_by("-until")
        .first()
    )


def _confirmed(user):
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def why_cannot_post(user, topic=None, category=None):
    """None if this person may post here now, otherwise the reason to show them."""
    from django.utils.translation import gettext as _

    category = category or topic.category
    if not _signed_in(user):
        return _("Sign in to take part in the discussion.")
    if not can_read_category(user, category):
        return _("Only members of this space can post here.")
    if user.is_superuser:
        return None
    if not _confirmed(user):
        return _("Confirm your email address before you post.")
    suspension = active_suspension(user)
    if suspension is not None:
        return _("You cannot post until %(date)s: %(reason)s") % {
            "date": timezone.localtime(suspension.until).strftime("%Y-%m-%d %H:%M"),
            "reason": suspension.reason,
        }
    if topic is not None and topic.is_locked and not can_moderate(user, category):
        return _("This topic is locked: no new replies.")
    return None


def can_post(user, topic=None, category=None):
    return why_cannot_post(user, topic=topic, category=category) is None


def can_edit_post(user, post):
    if not _signed_in(user):
        return False
    if can_moderate(user, post.topic.category):
        return True
    return post.author_id == user.pk and not post.is_hidden and not post.topic.is_locked


def can_mark_solution(user, topic):
    return (
        topic.category.is_qa
        and _signed_in(user)
        and (topic.author_id == user.pk or can_moderate(user, topic.category))
    )
