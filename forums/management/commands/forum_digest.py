"""Send each person one email of their unread forum notifications since the last digest.

Run daily (cron, a scheduler). Idempotent: the notifications sent are marked ``emailed_at``,
so running it twice sends nothing new. Each notification is re-checked against what the
person may read *now*: a topic moved into a private space since must not leak by email.
"""

from itertools import groupby

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from forums import permissions
from forums.models import DigestSettings, Notification


class Command(BaseCommand):
    help = "Email each person a digest of their unread forum notifications."

    def handle(self, *args, **options):
        now = timezone.now()
        opted_out = DigestSettings.objects.filter(user=OuterRef("user_id"), enabled=False)
        sent_after = DigestSettings.objects.filter(
            user=OuterRef("user_id"), last_sent_at__gte=OuterRef("created_at")
        )
        pending = (
            Notification.objects.filter(
                read_at__isnull=True, emailed_at__isnull=True, created_at__lte=now
            )
            .filter(user__is_active=True)
            .filter(~Exists(opted_out), ~Exists(sent_after))
            .select_related("user", "actor", "post__topic__category")
            .order_by("user_id", "created_at", "pk")
        )
        sent = 0
        # Streamed, a person at a time: the night's notifications need not fit in memory.
        for _user_id, group in groupby(pending.iterator(chunk_size=2000), key=lambda n: n.user_id):
            notifications = list(group)
            if self._send(notifications[0].user, notifications, now):
                sent += 1
            Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now)
        # People with nothing to send keep their last_sent_at: it marks the last email.
        self.stdout.write(f"forum digest: {sent} email(s) sent")

    def _send(self, user, notifications, now):
        items = [n for n in notifications if permissions.can_read_post(user, n.post)]
        if not items or not user.email:
            return False
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {
                "user": user,
                "items": items,
                "language": language,
                "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
                "settings_url": reverse("forums:notifications"),
            }
            subject = " ".join(render_to_string("forums/email/digest_subject.txt", context).split())
            text = render_to_string("forums/email/digest.txt", context)
            html = render_to_string("forums/email/digest.html", context)
        send_mail(
            subject,
            text,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
            html_message=html,
        )
        DigestSettings.objects.update_or_create(user=user, defaults={"last_sent_at": now})
        return True
