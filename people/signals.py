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


def _hand_over(*, organisation_model, organisation_id, rows, lead_role, seniority=("pk",)):
    """If no active person in `rows` (one organisation's roles) holds `lead_role`, give it to
    the longest-standing active one (first by `seniority`)."""
    with transaction.atomic():
        if not organisation_model.objects.select_for_update().filter(pk=organisation_id):
            return  # the organisation itself is being deleted
        remaining = rows.filter(user__is_active=True)
        if remaining.filter(role=lead_role).exists():
            return
        successor = remaining.order_by(*seniority).first()
        if successor is not None:
            successor.role = lead_role
            successor.save(update_fields=["role"])


@receiver(post_delete, sender=Membership)
def keep_a_partnership_manager(sender, instance, **kwargs):
    if instance.role == Membership.Role.MANAGER:
        _hand_over(
            organisation_model=Partnership,
            organisation_id=instance.partnership_id,
            rows=Membership.objects.filter(partnership_id=instance.partnership_id),
            lead_role=Membership.Role.MANAGER,
            seniority=("joined_at", "pk"),
        )


@receiver(post_delete, sender=InstituteStaff)
def keep_an_institute_administrator(sender, instance, **kwargs):
    if instance.role == InstituteStaff.Role.ADMIN:
        _hand_over(
            organisation_model=TrainingInstitute,
            organisation_id=instance.institute_id,
            rows=InstituteStaff.objects.filter(institute_id=instance.institute_id),
            lead_role=InstituteStaff.Role.ADMIN,
        )
