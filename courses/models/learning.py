"""Each learner's learning: enrollment, progress per module and lesson, quiz attempts,
certificates and the learning record (xAPI statements).

Written only by ``courses.services``, each learner event in one transaction. Courses, modules
and lessons are referred to by their pages' translation keys, so one record serves every
language of a course. Counters (lessons completed, time spent) are kept on the enrollment and
module rows in the same transaction as the event that changes them; invariants are database
constraints (one enrollment per learner and course, one progress row per learner and lesson,
one attempt per number).
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Enrollment(models.Model):
    """A learner in a course. Leaving keeps the row (and its history); enrolling again
    reactivates it."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Enrolled")
        LEFT = "left", _("Left")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    course_key = models.UUIDField(_("course"), db_index=True)
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrollments",
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    enrolled_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Counters, kept by the services in the same transaction as each event.
    lessons_started = models.PositiveIntegerField(default=0)
    lessons_completed = models.PositiveIntegerField(default=0)  # required lessons only
    seconds_spent = models.PositiveIntegerField(default=0)
    last_lesson_key = models.UUIDField(null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="enrollment_unique"),
        ]
        indexes = [models.Index(fields=["cohort", "status"])]

    def __str__(self):
        return f"{self.user} · {self.course_key}"

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    def percent(self, required_lesson_count):
        if not required_lesson_count:
            return 100 if self.completed_at else 0
        return min(100, (100 * self.lessons_completed) // required_lesson_count)


class ModuleProgress(models.Model):
    """How far a learner is in one module: required lessons completed, and when it was done."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="module_progress"
    )
    module_key = models.UUIDField()
    lessons_completed = models.PositiveIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "module_key"], name="module_progress_unique"
            ),
        ]

    def __str__(self):
        return f"{self.enrollment} · {self.module_key}"


class LessonProgress(models.Model):
    """A learner's state in one lesson. Absent means not started."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson_key = models.UUIDField()
    module_key = models.UUIDField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    seconds_spent = models.PositiveIntegerField(default=0)
    # Where the learner was: a block id, or "t=<seconds>" in a video.
    position = models.CharField(max_length=80, blank=True)
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            # Two tabs completing the same lesson at once still make one row.
            models.UniqueConstraint(fields=["user", "lesson_key"], name="lesson_progress_unique"),
        ]
        indexes = [models.Index(fields=["enrollment", "status"])]

    def __str__(self):
        return f"{self.user} · {self.lesson_key} ({self.status})"

    @property
    def is_completed(self):
        return self.status == self.Status.COMPLETED


class QuizAttempt(models.Model):
    """One submitted attempt at a quiz, graded on the server. Every attempt is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    lesson_key = models.UUIDField()
    quiz_key = models.CharField(max_length=64)  # the quiz block's id
    number = models.PositiveSmallIntegerField()
    answers = models.JSONField(default=dict)
    # Per question: right or wrong, the feedback shown, the answer as understood.
    results = models.JSONField(default=list)
    score = models.PositiveSmallIntegerField()  # 0–100
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    seconds_spent = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["submitted_at"]
        constraints = [
            # The attempt limit holds even when two submissions race.
            models.UniqueConstraint(
                fields=["user", "lesson_key", "quiz_key", "number"], name="quiz_attempt_unique"
            ),
        ]
        indexes = [models.Index(fields=["enrollment", "quiz_key"])]

    def __str__(self):
        return f"{self.user} · {self.quiz_key} #{self.number}: {self.score}%"


_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def certificate_code():
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class Certificate(models.Model):
    """Proof that a learner completed a course. What it says is copied at issue time, so it
    reads the same if the course or the learner's name later change."""

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(max_length=14, unique=True, default=certificate_code)
    learner_name = models.CharField(max_length=160)
    course_title = models.CharField(max_length=255)
    course_key = models.UUIDField()
    institute_name = models.CharField(max_length=160, blank=True)
    language = models.CharField(max_length=8, default="en")
    issued_at = models.DateTimeField()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return f"{self.code}: {self.learner_name} · {self.course_title}"

    def get_absolute_url(self):
        return reverse("courses:certificate_verify", args=[self.code])


class LearningStatement(models.Model):
    """One learning event as an xAPI 1.0.3 statement, kept for the learner's and the cohort's
    record, and forwarded to an external Learning Record Store when one is configured."""

    # The row's id orders the statements of one event (they share a timestamp); the xAPI
    # statement id is ``statement_id``.
    id = models.BigAutoField(primary_key=True)
    statement_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_statements"
    )
    course_key = models.UUIDField(db_index=True)
    cohort = models.ForeignKey(
        "courses.Cohort", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=16)
    timestamp = models.DateTimeField()
    statement = models.JSONField()
    # Forwarding to the LRS (courses.lrs): pending while forwarded_at is empty.
    forwarded_at = models.DateTimeField(null=True, blank=True)
    forward_attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("learning statement")
        verbose_name_plural = _("learning statements")
        ordering = ["timestamp", "id"]
        indexes = [
            models.Index(fields=["user", "timestamp"]),
            models.Index(fields=["cohort", "timestamp"]),
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(forwarded_at__isnull=True),
                name="statement_pending_idx",
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.verb} @ {self.timestamp:%Y-%m-%d %H:%M}"
