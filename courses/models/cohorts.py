"""Cohorts: a training institute runs a course for a group of learners, between two dates,
with facilitators who follow the group's progress."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Cohort(models.Model):
    """A run of a course by an institute. Learners join it by invitation (or an institute
    moves an enrolled learner in); facilitators see its analytics."""

    institute = models.ForeignKey(
        "people.TrainingInstitute",
        verbose_name=_("institute"),
        on_delete=models.CASCADE,
        related_name="cohorts",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="cohorts",
    )
    name = models.CharField(_("name"), max_length=160)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        blank=True,
        related_name="facilitated_cohorts",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="cohort_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("courses:cohort", args=[self.pk])

    @property
    def course_key(self):
        return self.course.translation_key


def _invitation_token():
    return secrets.token_urlsafe(32)


class CohortInvitation(models.Model):
    """An invitation by email to join a cohort (and so enroll in its course)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("cohort invitation")
        verbose_name_plural = _("cohort invitations")
        constraints = [
            models.UniqueConstraint(
                "cohort", Lower("email"), name="cohort_invitation_one_per_email"
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.cohort}"

    def get_absolute_url(self):
        return reverse("courses:cohort_invitation", args=[self.token])
