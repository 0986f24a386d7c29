from allauth.account.signals import email_confirmed
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from . import services
from .models import Membership, User


@receiver(email_confirmed)
def accept_invitations_on_confirmation(sender, request, email_address, **kwargs):
    services.invitations_accept_for_email(user=email_address.user, email=email_address.email)


@receiver(pre_delete, sender=User)
def hand_over_partnerships(sender, instance, **kwargs):
    """A partnership never loses its last manager, not even when that person's account is
    deleted (from the admin, say): its longest-standing other member becomes manager."""
    Role = Membership.Role
    for membership in Membership.objects.filter(user=instance, role=Role.MANAGER):
        others = Membership.objects.filter(partnership_id=membership.partnership_id).exclude(
            user=instance
        )
        if others.filter(role=Role.MANAGER, user__is_active=True).exists():
            continue
        successor = others.filter(user__is_active=True).order_by("joined_at", "pk").first()
        if successor is not None:
            successor.role = Role.MANAGER
            successor.save(update_fields=["role"])
