"""What facilitators see of a cohort: how many enrolled, started and completed, a completion
funnel by module, the distribution of quiz scores, time spent, who is stuck, and a table of
learners.

Every figure is an aggregate query (or one read of the rows it lists), so a cohort page takes
the same number of queries for 3 learners as for 3,000: the course's structure (2 queries),
the cohort's counts (1), the median time (1), the funnel (2), best quiz scores (1), stuck
learners (1), and the page of learners (2 with its count).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import CoursePage, Enrollment, LessonPage, ModulePage, ModuleProgress, QuizAttempt
from .models import LessonProgress as _LessonProgress

STUCK_AFTER = timedelta(days=14)
STUCK_SHOWN = 100
SCORE_BINS = 10  # 0–9, 10–19, … 90–100


def format_duration(seconds):
    """Study time as people read it: "2 h 05 min", "12 min"."""
    minutes = int(seconds or 0) // 60
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("%(hours)s h %(minutes)02d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)s min") % {"minutes": minutes}


def _percent(part, whole):
    return (100 * part) // whole if whole else 0


# --- The course, as the figures are laid out ----------------------------------------------------


@dataclass
class Quiz:
    lesson_key: object
    quiz_key: str
    title: str
    lesson_title: str
    pass_mark: int

    @property
    def key(self):
        return (str(self.lesson_key), self.quiz_key)


@dataclass
class CourseMap:
    """The cohort's course in the reader's language: its modules and quizzes in order."""

    course: CoursePage
    modules: list = field(default_factory=list)  # dicts: key, title, required
    quizzes: list = field(default_factory=list)  # Quiz


def course_map(cohort, language=None):
    """Two queries (three when the course is translated into the reader's language): the
    modules, and the lessons with their quizzes read from the raw stream data (no block is
    built, so no chooser fetches anything)."""
    language = language or translation.get_language()
    course = cohort.course
    translated = (
        CoursePage.objects.live()
        .filter(translation_key=course.translation_key, locale__language_code=language)
        .exclude(pk=course.pk)
        .first()
    )
    course = translated or course
    modules = [
        {"key": key, "title": title, "required": required}
        for key, title, required in ModulePage.objects.child_of(course)
        .live()
        .order_by("path")
        .values_list("translation_key", "title", "required_lesson_count")
    ]
    quizzes = []
    lessons = (
        LessonPage.objects.descendant_of(course)
        .live()
        .order_by("path")
        .only("title", "translation_key", "path", "depth", "body")
    )
    for lesson in lessons:
        for block in lesson.body.raw_data:
            if block.get("type") == "quiz":
                value = block.get("value") or {}
                quizzes.append(
                    Quiz(
                        lesson_key=lesson.translation_key,
                        quiz_key=block.get("id"),
                        title=value.get("title") or _("Quiz"),
                        lesson_title=lesson.title,
                        pass_mark=int(value.get("pass_mark") or 0),
                    )
                )
    return CourseMap(course=course, modules=modules, quizzes=quizzes)


# --- Figures ------------------------------------------------------------------------------------


def _stuck(now):
    cutoff = now - STUCK_AFTER
    return Q(status=Enrollment.Status.ACTIVE, completed_at__isnull=True) & (
        Q(last_activity_at__lt=cutoff) | Q(last_activity_at__isnull=True, enrolled_at__lt=cutoff)
    )


def best_scores(cohort):
    """Each learner's best score at each quiz: ``{enrollment_id: {(lesson_key, quiz_key):
    score}}``, in one grouped query."""
    scores = {}
    rows = (
        QuizAttempt.objects.filter(enrollment__cohort=cohort)
        .values("enrollment_id", "lesson_key", "quiz_key")
        .annotate(best=Max("score"))
        .order_by()
    )
    for row in rows:
        key = (str(row["lesson_key"]), row["quiz_key"])
        scores.setdefault(row["enrollment_id"], {})[key] = row["best"]
    return scores


def _median_seconds(cohort, count):
    if not count:
        return 0
    middle = list(
        Enrollment.objects.filter(cohort=cohort)
        .order_by("seconds_spent")
        .values_list("seconds_spent", flat=True)[(count - 1) // 2 : count // 2 + 1]
    )
    return sum(middle) // len(middle)


def _funnel(cohort, course_map, enrolled):
    completed = dict(
        ModuleProgress.objects.filter(enrollment__cohort=cohort, completed_at__isnull=False)
        .values("module_key")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("module_key", "n")
    )
    started = dict(
        _LessonProgress.objects.filter(enrollment__cohort=cohort)
        .values("module_key")
        .annotate(n=Count("enrollment", distinct=True))
        .order_by()
        .values_list("module_key", "n")
    )
    return [
        {
            "key": module["key"],
            "title": module["title"],
            "started": started.get(module["key"], 0),
            "completed": completed.get(module["key"], 0),
            "started_percent": _percent(started.get(module["key"], 0), enrolled),
            "percent": _percent(completed.get(module["key"], 0), enrolled),
        }
        for module in course_map.modules
    ]


def _bin_label(index):
    low = index * (100 // SCORE_BINS)
    high = 100 if index == SCORE_BINS - 1 else low + (100 // SCORE_BINS) - 1
    return f"{low}–{high}"


def _distribution(course_map, scores):
    """Per quiz: how many learners took it, passed it, their mean best score, and how many
    best scores fall in each 10-point bin."""
    quizzes = []
    for quiz in course_map.quizzes:
        bests = [by_quiz[quiz.key] for by_quiz in scores.values() if quiz.key in by_quiz]
        counts = [0] * SCORE_BINS
        for best in bests:
            counts[min(best * SCORE_BINS // 100, SCORE_BINS - 1)] += 1
        widest = max(counts) if bests else 0
        quizzes.append(
            {
                "quiz": quiz,
                "title": quiz.title,
                "lesson_title": quiz.lesson_title,
                "learners": len(bests),
                "passed": sum(1 for best in bests if best >= quiz.pass_mark),
                "mean": round(sum(bests) / len(bests)) if bests else None,
                "bins": [
                    {
                        "label": _bin_label(index),
                        "count": count,
                        "percent": _percent(count, len(bests)),
                        "width": _percent(count, widest),
                    }
                    for index, count in enumerate(counts)
                ],
            }
        )
    return quizzes


def cohort_overview(cohort, *, course_map, scores, now=None):
    """The cohort's figures (``scores`` from ``best_scores``)."""
    now = now or timezone.now()
    active = Q(status=Enrollment.Status.ACTIVE)
    counts = Enrollment.objects.filter(cohort=cohort).aggregate(
        enrolled=Count("pk"),
        active=Count("pk", filter=active),
        left=Count("pk", filter=~active),
        started=Count("pk", filter=Q(lessons_started__gt=0)),
        completed=Count("pk", filter=Q(completed_at__isnull=False)),
        stuck=Count("pk", filter=_stuck(now)),
        seconds=Sum("seconds_spent"),
    )
    enrolled = counts["enrolled"]
    total_seconds = counts.pop("seconds") or 0
    median = _median_seconds(cohort, enrolled)
    stuck = list(
        Enrollment.objects.filter(cohort=cohort)
        .filter(_stuck(now))
        .select_related("user")
        .order_by("last_activity_at", "enrolled_at")[:STUCK_SHOWN]
    )
    for enrollment in stuck:
        since = enrollment.last_activity_at or enrollment.enrolled_at
        enrollment.idle_days = (now - since).days
    return {
        "counts": counts,
        "percents": {
            name: _percent(counts[name], enrolled) for name in ("started", "completed", "stuck")
        },
        "time": {
            "total": total_seconds,
            "total_display": format_duration(total_seconds),
            "median": median,
            "median_display": format_duration(median),
        },
        "funnel": _funnel(cohort, course_map, enrolled),
        "quizzes": _distribution(course_map, scores),
        "stuck": stuck,
        "stuck_more": max(0, counts["stuck"] - len(stuck)),
        "stuck_days": STUCK_AFTER.days,
    }


# --- The learner table ----------------------------------------------------------------------------


@dataclass
class LearnerRow:
    enrollment: Enrollment
    name: str
    email: str
    status: str
    enrolled_at: object
    percent: int
    lessons_completed: int
    seconds_spent: int
    time_display: str
    last_activity_at: object
    completed_at: object
    scores: list  # best score per quiz of the course map, None where not attempted
    certificate_code: str
    stuck: bool


def cohort_learners_queryset(cohort):
    return (
        Enrollment.objects.filter(cohort=cohort)
        .select_related("user", "certificate")
        .order_by("user__display_name", "user__username", "pk")
    )


def learner_rows(enrollments, *, cohort, course_map, scores, now=None):
    """Rows of the learner table for these enrollments (already fetched: no query here)."""
    now = now or timezone.now()
    cutoff = now - STUCK_AFTER
    required = cohort.course.required_lesson_count
    rows = []
    for enrollment in enrollments:
        user = enrollment.user
        by_quiz = scores.get(enrollment.pk, {})
        try:
            code = enrollment.certificate.code
        except Enrollment.certificate.RelatedObjectDoesNotExist:
            code = ""
        last = enrollment.last_activity_at
        stuck = (
            enrollment.is_active
            and enrollment.completed_at is None
            and ((last or enrollment.enrolled_at) < cutoff)
        )
        rows.append(
            LearnerRow(
                enrollment=enrollment,
                name=user.name,
                email=user.email,
                status=enrollment.get_status_display(),
                enrolled_at=enrollment.enrolled_at,
                percent=enrollment.percent(required),
                lessons_completed=enrollment.lessons_completed,
                seconds_spent=enrollment.seconds_spent,
                time_display=format_duration(enrollment.seconds_spent),
                last_activity_at=last,
                completed_at=enrollment.completed_at,
                scores=[by_quiz.get(quiz.key) for quiz in course_map.quizzes],
                certificate_code=code,
                stuck=stuck,
            )
        )
    return rows
