"""What a learner does: enroll, leave, open a lesson, record time and position, complete a
lesson, answer a quiz.

Each function is one transaction that starts by locking the learner's enrollment row, so two
tabs (or two devices) acting on the same course are serialised: counters never drift and a
lesson is counted once. The unique constraints on progress and attempts stand behind that lock.
In the same transaction: progress and counters, module and course completion, the certificate,
and the xAPI statements of the event (forwarded to an LRS after the commit, see courses.lrs).
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .. import xapi
from ..blocks import grade_quiz
from ..models import (
    Certificate,
    CoursePage,
    Enrollment,
    LearningStatement,
    LessonPage,
    LessonProgress,
    ModulePage,
    ModuleProgress,
    QuizAttempt,
)
from ..models.pages import course_of

# A heartbeat reports at most this much time: a tab left open overnight is not study time.
MAX_HEARTBEAT_SECONDS = 120
# Heartbeats arrive a little late; this share is allowed beyond the time since the last one.
# A share, not a fixed number of seconds: sent ten times a second, a fixed allowance would add
# up to far more than the time that passed.
HEARTBEAT_SLACK = 0.1
# Time counted for a lesson completed without heartbeats (no JavaScript): since it was opened,
# at most this long.
MAX_UNTRACKED_SECONDS = 60 * 60
# A lesson opened again after this long is a new launch in the learning record.
RELAUNCH_AFTER = timedelta(minutes=30)
MAX_POSITION_LENGTH = 80


class Structure:
    """A lesson with its module and course, found from the lesson's tree path (two queries)."""

    def __init__(self, lesson):
        steplen = lesson.steplen
        self.lesson = lesson
        self.module = ModulePage.objects.get(path=lesson.path[:-steplen])
        self.course = course_of(lesson)

    @property
    def language(self):
        return content_language(self.course)


# --- Reading what the services need ---------------------------------------------------------


def _active_enrollment(user, course, *, lock=True):
    if not (user and user.is_authenticated):
        raise PermissionDenied(_("Sign in to take this course."))
    rows = Enrollment.objects.filter(user=user, course_key=course.translation_key)
    if lock:
        rows = rows.select_for_update()
    enrollment = rows.first()
    if enrollment is None or not enrollment.is_active:
        raise PermissionDenied(_("Enroll in the course to do this."))
    return enrollment


def locked_module_keys(enrollment, course):
    """Translation keys of the modules this learner may not open yet (courses whose modules
    unlock in order). Two queries; ``modules_locked`` is the rule itself."""
    if not course.modules_in_order or enrollment is None:
        return set()
    modules = ModulePage.objects.child_of(course).live().order_by("path")
    done = set(
        ModuleProgress.objects.filter(
            enrollment=enrollment, completed_at__isnull=False
        ).values_list("module_key", flat=True)
    )
    return modules_locked(modules.only("translation_key", "required_lesson_count"), done, True)


def modules_locked(modules, done_keys, modules_in_order):
    """The unlock-in-order rule on modules already read (in order): every module after the
    first one with required lessons left to do is locked."""
    if not modules_in_order:
        return set()
    locked, blocked = set(), False
    for module in modules:
        if blocked:
            locked.add(module.translation_key)
        elif module.required_lesson_count and module.translation_key not in done_keys:
            blocked = True
    return locked


def _ensure_unlocked(enrollment, structure):
    if structure.module.translation_key in locked_module_keys(enrollment, structure.course):
        raise PermissionDenied(_("Complete the previous module first."))


def _progress(enrollment, structure, now):
    """The learner's progress row for the lesson, created (as in progress) when missing."""
    lesson = structure.lesson
    rows = LessonProgress.objects.select_for_update().filter(
        user_id=enrollment.user_id, lesson_key=lesson.translation_key
    )
    progress = rows.first()
    if progress is not None:
        return progress, False
    try:
        with transaction.atomic():
            progress = LessonProgress.objects.create(
                user_id=enrollment.user_id,
                enrollment=enrollment,
                lesson_key=lesson.translation_key,
                module_key=structure.module.translation_key,
                started_at=now,
                updated_at=now,
            )
    except IntegrityError:
        # Another request made it between our read and our write (possible only without the
        # enrollment lock, e.g. SQLite in autocommit elsewhere): use theirs.
        return rows.get(), False
    enrollment.lessons_started += 1
    return progress, True


# --- The learning record ---------------------------------------------------------------------


def _record(enrollment, verb, obj, *, now, structure=None, course=None, result=None, parent=None):
    course = course or structure.course
    language = content_language(course)
    course_iri = xapi.activity_iri("course", course.translation_key)
    data = xapi.statement(
        user=enrollment.user,
        verb=verb,
        obj=obj,
        timestamp=now,
        result_data=result,
        context_data=xapi.context(
            course_iri=course_iri,
            course_name=course.title,
            cohort=enrollment.cohort,
            language=language,
            parent=parent,
        ),
    )
    statement = LearningStatement.objects.create(
        statement_id=data["id"],
        user=enrollment.user,
        course_key=course.translation_key,
        cohort=enrollment.cohort,
        verb=verb,
        timestamp=now,
        statement=data,
    )
    from .. import lrs

    lrs.forward_after_commit()
    return statement


def content_language(page):
    """The language a page's words are in: an untranslated page served in another language
    (an alias) still speaks its original's."""
    if page.alias_of_id:
        return page.alias_of.locale.language_code
    return page.locale.language_code


def _page_activity(kind, page, language):
    return xapi.activity(kind, xapi.activity_iri(kind, page.translation_key), page.title, language)


# --- Enrollment ------------------------------------------------------------------------------


def missing_prerequisites(user, course):
    """The prerequisite courses this learner has not completed yet."""
    prerequisites = list(course.prerequisites.all())
    if not prerequisites:
        return []
    completed = set(
        Enrollment.objects.filter(
            user=user,
            course_key__in=[course.translation_key for course in prerequisites],
            completed_at__isnull=False,
        ).values_list("course_key", flat=True)
    )
    return [course for course in prerequisites if course.translation_key not in completed]


@transaction.atomic
def enrollment_create(*, user, course, cohort=None, now=None):
    """Enroll a learner, or re-enroll one who left (their progress is still there).

    Self-enrollment (no cohort) needs an open course and completed prerequisites; joining a
    cohort (an institute's invitation) needs neither, nor does coming back to one's cohort.
    """
    now = now or timezone.now()
    if not (user and user.is_authenticated and user.is_active):
        raise PermissionDenied(_("Sign in to enroll."))
    if not course.live:
        raise PermissionDenied(_("This course is not open."))
    rows = Enrollment.objects.select_for_update().filter(
        user=user, course_key=course.translation_key
    )
    enrollment = rows.first()
    returning_to_cohort = cohort is None and enrollment is not None and enrollment.cohort_id
    if cohort is None and not returning_to_cohort:
        if course.enrollment == CoursePage.Enrollment.INVITATION:
            raise PermissionDenied(_("This course is open to invited learners only."))
        missing = missing_prerequisites(user, course)
        if missing:
            raise ValidationError(
                _("Complete these courses first: %(courses)s.")
                % {"courses": ", ".join(page.title for page in missing)}
            )
    elif cohort is not None and cohort.course.translation_key != course.translation_key:
        raise ValidationError(_("This cohort runs another course."))

    if enrollment is None:
        try:
            with transaction.atomic():
                enrollment = Enrollment.objects.create(
                    user=user,
                    course_key=course.translation_key,
                    cohort=cohort,
                    enrolled_at=now,
                    last_activity_at=now,
                )
        except IntegrityError:
            enrollment = rows.get()  # enrolled by a second click at the same moment
        else:
            _registered(enrollment, course, now)
            return enrollment
    changed = []
    if not enrollment.is_active:
        enrollment.status = Enrollment.Status.ACTIVE
        enrollment.left_at = None
        enrollment.last_activity_at = now
        changed += ["status", "left_at", "last_activity_at"]
    if cohort is not None and enrollment.cohort_id != cohort.pk:
        enrollment.cohort = cohort
        changed.append("cohort")
    if changed:
        enrollment.full_clean()
        enrollment.save(update_fields=changed)
        _registered(enrollment, course, now)
    return enrollment


def _registered(enrollment, course, now):
    language = content_language(course)
    _record(
        enrollment, "registered", _page_activity("course", course, language), now=now, course=course
    )


@transaction.atomic
def enrollment_leave(*, user, course, now=None):
    """Leave a course. Nothing is deleted: progress, attempts and certificates stay, and
    enrolling again picks up where the learner was."""
    now = now or timezone.now()
    enrollment = _active_enrollment(user, course)
    enrollment.status = Enrollment.Status.LEFT
    enrollment.left_at = now
    enrollment.save(update_fields=["status", "left_at"])
    language = content_language(course)
    _record(
        enrollment, "exited", _page_activity("course", course, language), now=now, course=course
    )
    return enrollment


# --- Lessons ---------------------------------------------------------------------------------


def _touch(enrollment, structure, now):
    enrollment.last_lesson_key = structure.lesson.translation_key
    enrollment.last_activity_at = now


def _save_activity(enrollment, progress, structure, now):
    """The learner was active in the lesson now: where they left off, and when."""
    progress.updated_at = now
    progress.save(update_fields=["updated_at"])
    _touch(enrollment, structure, now)
    enrollment.save()


@transaction.atomic
def lesson_open(*, user, lesson, now=None):
    """A learner opens a lesson: it is in progress, it is where they left off, and the
    learning record says it was launched (again after a pause)."""
    now = now or timezone.now()
    structure = Structure(lesson)
    enrollment = _active_enrollment(user, structure.course)
    _ensure_unlocked(enrollment, structure)
    progress, created = _progress(enrollment, structure, now)
    if created or now - progress.updated_at > RELAUNCH_AFTER:
        _record(
            enrollment,
            "launched",
            _page_activity("lesson", lesson, structure.language),
            now=now,
            structure=structure,
        )
    _save_activity(enrollment, progress, structure, now)
    return progress


def _clean_position(position):
    return str(position or "")[:MAX_POSITION_LENGTH]


def _clamp(seconds, limit):
    try:
        seconds = int(seconds or 0)
    except (TypeError, ValueError):
        raise ValidationError(_("Time spent must be a whole number of seconds.")) from None
    return max(0, min(seconds, limit))


@transaction.atomic
def lesson_track(*, user, lesson, seconds=0, position=None, now=None):
    """A heartbeat from an open lesson: time spent since the last one, and where the learner
    is (a block id or a point in a video)."""
    now = now or timezone.now()
    seconds = _clamp(seconds, MAX_HEARTBEAT_SECONDS)
    structure = Structure(lesson)
    enrollment = _active_enrollment(user, structure.course)
    _ensure_unlocked(enrollment, structure)
    progress, created = _progress(enrollment, structure, now)
    if not created:
        # No more than the time since the last heartbeat: a script posting the maximum every
        # second does not make hours of study.
        since = (now - progress.updated_at).total_seconds() * (1 + HEARTBEAT_SLACK)
        seconds = max(0, min(seconds, int(since)))
    progress.seconds_spent += seconds
    if position is not None:
        progress.position = _clean_position(position)
    progress.updated_at = now
    progress.save(update_fields=["seconds_spent", "position", "updated_at"])
    enrollment.seconds_spent += seconds
    _touch(enrollment, structure, now)
    enrollment.save()
    return progress


def _passed_quiz_keys(user, lesson):
    return set(
        QuizAttempt.objects.filter(
            user=user, lesson_key=lesson.translation_key, passed=True
        ).values_list("quiz_key", flat=True)
    )


def _untracked_seconds(progress, now):
    """Time for a lesson done without heartbeats (no JavaScript): since it was opened."""
    if progress.seconds_spent:
        return 0
    return _clamp((now - progress.started_at).total_seconds(), MAX_UNTRACKED_SECONDS)


@transaction.atomic
def lesson_complete(*, user, lesson, now=None):
    """The learner marks a lesson done. A lesson with required quizzes completes only when
    they are passed (``quiz_submit`` completes it then). Completing twice changes nothing."""
    now = now or timezone.now()
    structure = Structure(lesson)
    enrollment = _active_enrollment(user, structure.course)
    _ensure_unlocked(enrollment, structure)
    progress, _created = _progress(enrollment, structure, now)
    if progress.is_completed:
        return progress
    passed = _passed_quiz_keys(user, lesson)
    for quiz_id, value in lesson.quizzes():
        if value["required"] and quiz_id not in passed:
            raise ValidationError(
                _("Pass the quiz “%(title)s” to complete this lesson.") % {"title": value["title"]}
            )
    _complete(enrollment, progress, structure, now)
    return progress


def _complete(enrollment, progress, structure, now):
    lesson, module, course = structure.lesson, structure.module, structure.course
    language = structure.language
    extra = _untracked_seconds(progress, now)
    progress.seconds_spent += extra
    enrollment.seconds_spent += extra
    progress.status = LessonProgress.Status.COMPLETED
    progress.completed_at = now
    progress.updated_at = now
    progress.save()
    course_activity = _page_activity("course", course, language)
    _record(
        enrollment,
        "completed",
        _page_activity("lesson", lesson, language),
        now=now,
        structure=structure,
        result=xapi.result(completion=True, seconds=progress.seconds_spent),
        parent=_page_activity("module", module, language),
    )
    # Counted only where the stored counts count it: a required lesson in a live module.
    if lesson.required and module.live:
        enrollment.lessons_completed += 1
        module_progress = _module_progress(enrollment, module)
        module_progress.lessons_completed += 1
        if (
            module_progress.completed_at is None
            and module_progress.lessons_completed >= module.required_lesson_count
        ):
            # The counter says done: check it against the module as published now (editors
            # may have changed which lessons count since the learner did some of them).
            module_progress.lessons_completed = _completed_among(
                enrollment, required_lesson_keys(module)
            )
            if module_progress.lessons_completed >= module.required_lesson_count:
                module_progress.completed_at = now
                _record(
                    enrollment,
                    "completed",
                    _page_activity("module", module, language),
                    now=now,
                    structure=structure,
                    result=xapi.result(completion=True),
                    parent=course_activity,
                )
        module_progress.save()
    _touch(enrollment, structure, now)
    if (
        enrollment.completed_at is None
        and course.required_lesson_count
        and enrollment.lessons_completed >= course.required_lesson_count
    ):
        # As for the module: a certificate only for every lesson the course requires today.
        enrollment.lessons_completed = _completed_among(enrollment, required_lesson_keys(course))
    if (
        enrollment.completed_at is None
        and course.required_lesson_count
        and enrollment.lessons_completed >= course.required_lesson_count
    ):
        enrollment.completed_at = now
        enrollment.save()
        _certificate_issue(enrollment, course, now)
        _record(
            enrollment,
            "completed",
            course_activity,
            now=now,
            structure=structure,
            result=xapi.result(completion=True, seconds=enrollment.seconds_spent),
        )
    else:
        enrollment.save()


def required_lesson_keys(page):
    """Translation keys of the lessons that count in a course or a module as published now:
    live, required, in a live module. (Two queries; only asked when a counter says done, and
    when editors change the tree.)"""
    course_or_module = page.specific_deferred if type(page) is Page else page
    lessons = LessonPage.objects.descendant_of(course_or_module).live().filter(required=True)
    if isinstance(course_or_module, ModulePage):
        if not course_or_module.live:
            return set()
        return set(lessons.values_list("translation_key", flat=True))
    live_modules = set(
        ModulePage.objects.child_of(course_or_module).live().values_list("path", flat=True)
    )
    steplen = course_or_module.steplen
    return {
        key
        for path, key in lessons.values_list("path", "translation_key")
        if path[:-steplen] in live_modules
    }


def _completed_among(enrollment, lesson_keys):
    return LessonProgress.objects.filter(
        enrollment=enrollment,
        status=LessonProgress.Status.COMPLETED,
        lesson_key__in=lesson_keys,
    ).count()


def counters_realign(course):
    """Bring every learner's counters of this course back in line with the course as
    published now (called when editors change its tree): lessons that no longer count are
    no longer counted, lessons that count again are. Three UPDATEs per module at most,
    whatever the number of learners. Completions and certificates already given stay."""
    from django.db.models import Count, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    def completed(keys, enrollment_ref):
        return Coalesce(
            Subquery(
                LessonProgress.objects.filter(
                    enrollment=OuterRef(enrollment_ref),
                    status=LessonProgress.Status.COMPLETED,
                    lesson_key__in=keys,
                )
                .values("enrollment")
                .annotate(count=Count("pk"))
                .values("count")
            ),
            0,
        )

    Enrollment.objects.filter(course_key=course.translation_key).update(
        lessons_completed=completed(list(required_lesson_keys(course)), "pk")
    )
    for module in ModulePage.objects.child_of(course):
        ModuleProgress.objects.filter(
            enrollment__course_key=course.translation_key, module_key=module.translation_key
        ).update(lessons_completed=completed(list(required_lesson_keys(module)), "enrollment"))


def _module_progress(enrollment, module):
    rows = ModuleProgress.objects.select_for_update().filter(
        enrollment=enrollment, module_key=module.translation_key
    )
    found = rows.first()
    if found is not None:
        return found
    return ModuleProgress.objects.create(enrollment=enrollment, module_key=module.translation_key)


def _certificate_issue(enrollment, course, now):
    institute = enrollment.cohort.institute if enrollment.cohort_id else course.institute
    Certificate.objects.create(
        enrollment=enrollment,
        learner_name=enrollment.user.name,
        course_title=course.title,
        course_key=course.translation_key,
        institute_name=institute.name if institute else "",
        language=course.locale.language_code,
        issued_at=now,
    )


# --- Quizzes ---------------------------------------------------------------------------------


@transaction.atomic
def quiz_submit(*, user, lesson, quiz_id, answers, seconds=0, now=None):
    """Grade an attempt on the server and keep it. Passing every required quiz of a lesson
    completes the lesson. ``answers`` maps question ids to the answers given."""
    now = now or timezone.now()
    structure = Structure(lesson)
    enrollment = _active_enrollment(user, structure.course)
    _ensure_unlocked(enrollment, structure)
    quizzes = dict(lesson.quizzes())
    if quiz_id not in quizzes:
        raise ValidationError(_("This quiz is no longer part of the lesson."))
    quiz = quizzes[quiz_id]
    number = (
        QuizAttempt.objects.filter(
            user=user, lesson_key=lesson.translation_key, quiz_key=quiz_id
        ).count()
        + 1
    )
    if quiz["max_attempts"] and number > quiz["max_attempts"]:
        raise ValidationError(
            _("You have used all %(count)s attempts at this quiz.")
            % {"count": quiz["max_attempts"]}
        )
    if not isinstance(answers, dict):
        raise ValidationError(_("The answers could not be read."))
    grading = grade_quiz(quiz, answers)
    seconds = _clamp(seconds, MAX_UNTRACKED_SECONDS)
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                user=user,
                enrollment=enrollment,
                lesson_key=lesson.translation_key,
                quiz_key=quiz_id,
                number=number,
                answers={key: value for key, value in answers.items() if isinstance(key, str)},
                results=grading["questions"],
                score=grading["score"],
                correct=grading["correct"],
                total=grading["total"],
                passed=grading["passed"],
                seconds_spent=seconds,
                submitted_at=now,
            )
    except IntegrityError:
        raise ValidationError(_("This attempt was already submitted.")) from None

    progress, _created = _progress(enrollment, structure, now)
    language = structure.language
    quiz_iri = xapi.activity_iri("lesson", lesson.translation_key, "quiz", quiz_id)
    quiz_activity = xapi.activity("assessment", quiz_iri, quiz["title"], language)
    prompts = {question.id: question.value["prompt"] for question in quiz["questions"]}
    for result in grading["questions"]:
        _record(
            enrollment,
            "answered",
            xapi.activity(
                "question", f"{quiz_iri}/question/{result['id']}", prompts[result["id"]], language
            ),
            now=now,
            structure=structure,
            result=xapi.result(success=result["correct"], response=_response(result["answer"])),
            parent=quiz_activity,
        )
    _record(
        enrollment,
        "passed" if grading["passed"] else "failed",
        quiz_activity,
        now=now,
        structure=structure,
        result=xapi.result(
            score=grading["score"], success=grading["passed"], completion=True, seconds=seconds
        ),
        parent=_page_activity("lesson", lesson, language),
    )
    if grading["passed"] and not progress.is_completed:
        passed = _passed_quiz_keys(user, lesson)
        if all(key in passed for key in lesson.required_quiz_ids()):
            _complete(enrollment, progress, structure, now)
            return attempt
    _save_activity(enrollment, progress, structure, now)
    return attempt


def _response(answer):
    """An answer as an xAPI response string (choices as "0[,]2", as cmi.interaction wants)."""
    if answer is None:
        return ""
    if isinstance(answer, list):
        return "[,]".join(str(item) for item in answer)
    if isinstance(answer, bool):
        return "true" if answer else "false"
    return str(answer)
