"""What facilitators see of a cohort: how many enrolled, started and completed, a completion
funnel by module, the distribution of quiz scores, time spent, who is stuck, and a table of
learners.

Every figure is an aggregate computed by the database (or one read of the rows it lists), so
a cohort page takes the same number of queries for 3 learners as for 10,000: the course's
structure (2 queries), the cohort's counts (1, with the median time on PostgreSQL), the
median time (1, elsewhere), the funnel (2), the quiz scores (1), stuck learners (1), and the
page of learners with their best scores (2). Nothing loops over the whole cohort in Python,
only over the quizzes, the modules, at most 101 scores per quiz, and the rows shown: what
grows with the cohort is the database's aggregating (about 40 ms at 10,000 learners).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connections, router
from django.db.models import Aggregate, Count, F, FloatField, Max, Q, Sum
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


def best_scores(cohort, enrollments=None):
    """Each learner's best score at each quiz: ``{enrollment_id: {(lesson_key, quiz_key):
    score}}``, in one grouped query; only for ``enrollments`` when given (the page of the
    learner table, a chunk of the CSV), so that a page reads the scores it shows."""
    if enrollments is None:
        rows = QuizAttempt.objects.filter(enrollment__cohort=cohort)
    else:
        # The cohort's learners, read already: no join to find them again.
        ids = [enrollment.pk for enrollment in enrollments if enrollment.cohort_id == cohort.pk]
        if not ids:
            return {}
        rows = QuizAttempt.objects.filter(enrollment_id__in=ids)
    scores = {}
    for enrollment_id, lesson_key, quiz_key, best in (
        rows.values("enrollment_id", "lesson_key", "quiz_key")
        .annotate(best=Max("score"))
        .order_by()
        .values_list("enrollment_id", "lesson_key", "quiz_key", "best")
    ):
        scores.setdefault(enrollment_id, {})[(str(lesson_key), quiz_key)] = best
    return scores


def _band(score):
    """The 10-point band of a score: 0–9 is band 0, …, 90–100 band 9 (100 joins the top band)."""
    return min(score * SCORE_BINS // 100, SCORE_BINS - 1)


def score_counts(cohort):
    """How many learners have each best score at each quiz: ``{(lesson_key, quiz_key):
    {score: learners}}``, in one query that the database groups twice (each learner's best
    score per quiz, then learners per quiz and best score). At most 101 rows per quiz come
    back, whatever the size of the cohort: bands, passes and means are folded from them."""
    bests = (
        QuizAttempt.objects.filter(enrollment__cohort=cohort)
        .values("enrollment_id", "lesson_key", "quiz_key")
        .annotate(best=Max("score"))
        .order_by()
    )
    inner, params = bests.query.get_compiler(using=bests.db).as_sql()
    # The inner query is the ORM's (its values are parameters); the rest is constant.
    sql = (
        "SELECT bests.lesson_key, bests.quiz_key, bests.best, COUNT(*) "  # noqa: S608
        f"FROM ({inner}) bests GROUP BY bests.lesson_key, bests.quiz_key, bests.best"
    )
    lesson_key_field = QuizAttempt._meta.get_field("lesson_key")
    counts = {}
    with connections[bests.db].cursor() as cursor:
        cursor.execute(sql, params)
        for lesson_key, quiz_key, best, learners in cursor.fetchall():
            key = (str(lesson_key_field.to_python(lesson_key)), quiz_key)
            counts.setdefault(key, {})[best] = learners
    return counts


class _Median(Aggregate):
    """PostgreSQL's continuous median (the mean of the two middle values of an even count)."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _has_percentile():
    return connections[router.db_for_read(Enrollment)].vendor == "postgresql"


def _median_seconds(cohort, count):
    """Elsewhere than PostgreSQL: the middle one or two values, read by the database with
    ORDER BY … LIMIT … OFFSET (one query, at most two rows)."""
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


def _distribution(course_map, by_quiz):
    """Per quiz: how many learners took it, passed it, their mean best score, and how many
    best scores fall in each 10-point bin (``by_quiz`` from ``score_counts``: the loops here
    are over at most 101 scores per quiz, never over learners)."""
    quizzes = []
    for quiz in course_map.quizzes:
        by_score = by_quiz.get(quiz.key, {})
        learners = sum(by_score.values())
        counts = [0] * SCORE_BINS
        for score, count in by_score.items():
            counts[_band(score)] += count
        widest = max(counts)
        quizzes.append(
            {
                "quiz": quiz,
                "title": quiz.title,
                "lesson_title": quiz.lesson_title,
                "learners": learners,
                "passed": sum(
                    count for score, count in by_score.items() if score >= quiz.pass_mark
                ),
                "mean": (
                    round(sum(score * count for score, count in by_score.items()) / learners)
                    if learners
                    else None
                ),
                "bins": [
                    {
                        "label": _bin_label(index),
                        "count": count,
                        "percent": _percent(count, learners),
                        "width": _percent(count, widest),
                    }
                    for index, count in enumerate(counts)
                ],
            }
        )
    return quizzes


def cohort_overview(cohort, *, course_map, now=None):
    """The cohort's figures."""
    now = now or timezone.now()
    active = Q(status=Enrollment.Status.ACTIVE)
    percentile = _has_percentile()
    counts = Enrollment.objects.filter(cohort=cohort).aggregate(
        enrolled=Count("pk"),
        active=Count("pk", filter=active),
        left=Count("pk", filter=~active),
        started=Count("pk", filter=Q(lessons_started__gt=0)),
        completed=Count("pk", filter=Q(completed_at__isnull=False)),
        stuck=Count("pk", filter=_stuck(now)),
        seconds=Sum("seconds_spent"),
        **({"median": _Median("seconds_spent")} if percentile else {}),
    )
    enrolled = counts["enrolled"]
    total_seconds = counts.pop("seconds") or 0
    if percentile:
        # Rounded down, as the mean of the two middle values is below.
        median = int(counts.pop("median") or 0)
    else:
        median = _median_seconds(cohort, enrolled)
    # The longest idle first; the ids sorted and sliced first (narrow rows), then the rows.
    longest_idle = ("last_activity_at", "enrolled_at", "pk")
    stuck_ids = (
        Enrollment.objects.filter(cohort=cohort)
        .filter(_stuck(now))
        .order_by(*longest_idle)
        .values("pk")[:STUCK_SHOWN]
    )
    stuck = list(
        Enrollment.objects.filter(pk__in=stuck_ids).select_related("user").order_by(*longest_idle)
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
        "quizzes": _distribution(course_map, score_counts(cohort)) if course_map.quizzes else [],
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


_BY_NAME = ("user__display_name", "user__username", "pk")
_BY_NAME_DESC = ("-user__display_name", "-user__username", "-pk")

# The orders of the learner table, by the value of its ``sort`` parameter; a name breaks ties,
# so that pages never share or skip a learner.
LEARNER_SORTS = {
    "name": _BY_NAME,
    "-name": _BY_NAME_DESC,
    "progress": ("lessons_completed", *_BY_NAME),
    "-progress": ("-lessons_completed", *_BY_NAME),
    "activity": (F("last_activity_at").asc(nulls_first=True), *_BY_NAME),
    "-activity": (F("last_activity_at").desc(nulls_last=True), *_BY_NAME),
}
DEFAULT_SORT = "name"


def learner_sort(value):
    """The sort asked for, or the default one."""
    return value if value in LEARNER_SORTS else DEFAULT_SORT


def cohort_learners_queryset(cohort, sort=DEFAULT_SORT):
    return (
        Enrollment.objects.filter(cohort=cohort)
        .select_related("user", "certificate")
        .order_by(*LEARNER_SORTS[learner_sort(sort)])
    )


def cohort_learners_after(cohort, after=None, *, size):
    """The next ``size`` learners in the order of names after ``after`` (the last one read):
    keyset pagination, so that every chunk of an export is one index range, however far into
    the cohort. A user has one enrollment per course: (display name, username) is unique."""
    rows = cohort_learners_queryset(cohort)
    following = rows
    if after is not None:
        name, username = after.user.display_name, after.user.username
        following = rows.filter(
            Q(user__display_name__gt=name) | Q(user__display_name=name, user__username__gt=username)
        )
    # As for a page of the table: the ids sorted and sliced, then the rows read.
    return list(rows.filter(pk__in=following.values("pk")[:size]))


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
