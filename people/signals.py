from allauth.account.signals import email_confirmed
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import services
from .models import InstituteStaff, Membership, Partnership, TrainingInstitute


@receiver(email_confirmed)
def accept_invitations_on_confirmation(sender, request, email_address, **kwargs):
    services.invitations_accept_for_email(user=email_address.user, email=email_address.email)


# An organisation never loses its last manager or administrator, whatever deletes the row: a
# person's account deleted in the admin (alone or in bulk), an editor removing staff inline.
# Handled after the delete, so every row deleted in the same operation is already gone, and
# with the organisation locked, so it cannot race a manager stepping down.


@receiver(post_delete, sender=Membership)
def keep_a_partnership_manager(sender, instance, **kwargs):
    if instance.role != Membership.Role.MANAGER:
        return
    with transaction.atomic():
        if not Partnership.objects.select_for_update().filter(pk=instance.partnership_id):
            return  # the partnership itself is being deleted
        remaining = Membership.objects.filter(
            partnership_id=instance.partnership_id, user__is_active=True
        )
        if remaining.filter(role=Membership.Role.MANAGER).exists():
            return
        successor = remaining.order_by("joined_at", "pk").first()
        if successor is not None:
            successor.role = Membership.Role.MANAGER
            successor.save(update_fields=["role"])


@receiver(post_delete, sender=InstituteStaff)
def keep_an_institute_administrator(sender, instance, **kwargs):
    if instance.role != InstituteStaff.Role.ADMIN:
        return
    with transaction.atomic():
        if not TrainingInstitute.objects.select_for_update().filter(pk=instance.institute_id):
            return
        remaining = InstituteStaff.objects.filter(
            institute_id=instance.institute_id, user__is_active=True
        )
        if remaining.filter(role=InstituteStaff.Role.ADMIN).exists():
            return
        successor = remaining.order_by("pk").first()
        if successor is not None:
            successor.role = InstituteStaff.Role.ADMIN
            successor.save(update_fields=["role"])
