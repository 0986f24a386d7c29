"""When a person loses access to private spaces (leaves a partnership, leaves or is removed
from a cohort, stops facilitating one), their open topic sockets re-check at once."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from courses.models import Cohort, Enrollment
from people.models import Membership

from . import realtime


def _after_commit(user_ids):
    user_ids = [pk for pk in user_ids if pk]
    if user_ids:
        transaction.on_commit(lambda: realtime.access_changed(user_ids))


@receiver(post_delete, sender=Membership)
def membership_removed(sender, instance, **kwargs):
    _after_commit([instance.user_id])


@receiver(post_save, sender=Enrollment)
def enrollment_changed(sender, instance, created, update_fields=None, **kwargs):
    # Leaving the course and leaving the cohort save these fields alone; progress saves
    # (every lesson) do not concern the forums.
    if not created and update_fields and {"status", "cohort"} & set(update_fields):
        _after_commit([instance.user_id])


@receiver(post_delete, sender=Enrollment)
def enrollment_removed(sender, instance, **kwargs):
    _after_commit([instance.user_id])


@receiver(m2m_changed, sender=Cohort.facilitators.through)
def facilitators_changed(sender, instance, action, pk_set, **kwargs):
    if action == "post_remove" and isinstance(instance, Cohort):
        _after_commit(list(pk_set or ()))
