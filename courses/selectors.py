"""Reads of the courses for learners: the catalogue, a course's outline with the learner's
progress, the learner's dashboard and what a lesson page shows.

Each takes a fixed number of queries whatever the number of courses, modules and lessons
(the tests pin them): pages are read per level in one query each, the learner's rows in one
query each, and percentages come from the stored counters (see courses.models.learning).

A learner's rows are keyed by the pages' translation keys, so these functions read pages in
the reader's language and the record made in any language.
"""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Page

from knowledge.templatetags.knowledge_tags import page_languages
from knowledge.translation import in_reader_language

from .blocks import public_quiz
from .models import (
    Certificate,
    CoursePage,
    Enrollment,
    LessonPage,
    LessonProgress,
    ModulePage,
    ModuleProgress,
    QuizAttempt,
)
from .services import locked_module_keys, missing_prerequisites
from .services.learning import Structure, modules_locked

NOT_STARTED = "not_started"
IN_PROGRESS = LessonProgress.Status.IN_PROGRESS
COMPLETED = LessonProgress.Status.COMPLETED


def status_label(status):
    return {
        NOT_STARTED: _("Not started"),
        IN_PROGRESS: _("In progress"),
        COMPLETED: _("Completed"),
    }[status]


def _signed_in(user):
    return user is not None and user.is_authenticated


def _certificate(enrollment):
    """The enrollment's certificate, or None (read with select_related: no query)."""
    if enrollment is None:
        return None
    try:
        return enrollment.certificate
    except Certificate.DoesNotExist:
        return None


def _language_order(code):
    order = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    return order.index(code) if code in order else len(order)


def _language(code):
    try:
        return {"code": code, "name_local": get_language_info(code)["name_local"]}
    except KeyError:
        return {"code": code, "name_local": code}


def _active_language():
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _module_lessons(course):
    """The live modules of a course and their live lessons, in the editor's order, one query
    per level whatever their number: ``[(module, [lesson, ...]), ...]``. Lesson bodies (and
    their quizzes) are not read."""
    modules = list(ModulePage.objects.child_of(course).live().public().order_by("path"))
    lessons = (
        LessonPage.objects.descendant_of(course)
        .live()
        .public()
        .filter(depth=course.depth + 2)
        .defer_streamfields()
        .order_by("path")
    )
    by_module = {module.path: [] for module in modules}
    for lesson in lessons:
        parent_path = lesson.path[: -lesson.steplen]
        if parent_path in by_module:
            by_module[parent_path].append(lesson)
    return [(module, by_module[module.path]) for module in modules]


def _next_lesson(lessons, statuses, last_key, locked):
    """Where to continue: the lesson left off if unfinished, else the next unfinished one
    after it, else the first unfinished one; never in a locked module."""
    open_lessons = [item for item in lessons if item[1] not in locked]
    keys = [lesson.translation_key for lesson, _module_key in open_lessons]
    start = 0
    if last_key in keys:
        start = keys.index(last_key)
        if statuses.get(last_key) != COMPLETED:
            return open_lessons[start][0]
    for lesson, _module_key in open_lessons[start:] + open_lessons[:start]:
        if statuses.get(lesson.translation_key) != COMPLETED:
            return lesson
    return None


# --- The catalogue ---------------------------------------------------------------------------


def course_catalogue(index, *, user):
    """The live public courses of a catalogue page (in its language, the editor's order), each
    with the languages it is written in and, for a signed-in reader, their enrollment and
    percentage. A fixed number of queries whatever the number of courses."""
    courses = list(
        CoursePage.objects.child_of(index)
        .live()
        .public()
        .select_related("institute")
        .order_by("path")
    )
    if not courses:
        return []
    keys = [course.translation_key for course in courses]
    languages = defaultdict(list)
    codes_by_pk = {}
    rows = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys, alias_of__isnull=True)
        .values_list("pk", "translation_key", "locale__language_code")
    )
    for pk, key, code in rows:
        languages[key].append(code)
        codes_by_pk[pk] = code
    enrollments = {}
    if _signed_in(user):
        enrollments = {
            enrollment.course_key: enrollment
            for enrollment in Enrollment.objects.filter(user=user, course_key__in=keys)
        }
    cards = []
    for course in courses:
        codes = sorted(languages[course.translation_key], key=_language_order)
        enrollment = enrollments.get(course.translation_key)
        cards.append(
            {
                "page": course,
                # What the words are written in: an alias shows its original's.
                "content_language": codes_by_pk.get(course.alias_of_id or course.pk),
                "languages": [_language(code) for code in codes],
                "enrollment": enrollment,
                "enrolled": enrollment is not None and enrollment.is_active,
                "completed": enrollment is not None and enrollment.completed_at is not None,
                "percent": enrollment.percent(course.required_lesson_count) if enrollment else 0,
            }
        )
    return cards


# --- A course's outline ----------------------------------------------------------------------


def course_outline(course, *, user):
    """What the course page shows: its modules and lessons in order and, for a signed-in
    reader, their enrollment, each lesson's status, each module's progress and lock, where to
    continue, the prerequisites they miss, whether they may enroll and their certificate.
    A fixed number of queries whatever the size of the course."""
    structure = _module_lessons(course)
    signed_in = _signed_in(user)
    enrollment = None
    if signed_in:
        enrollment = (
            Enrollment.objects.filter(user=user, course_key=course.translation_key)
            .select_related("certificate", "cohort")
            .first()
        )
    lesson_keys = [lesson.translation_key for _module, lessons in structure for lesson in lessons]
    statuses, module_rows, locked = {}, {}, set()
    if enrollment is not None:
        statuses = dict(
            LessonProgress.objects.filter(user=user, lesson_key__in=lesson_keys).values_list(
                "lesson_key", "status"
            )
        )
        module_rows = {
            row.module_key: row for row in ModuleProgress.objects.filter(enrollment=enrollment)
        }
        locked = locked_module_keys(enrollment, course)

    modules, sequence = [], []
    for module, lessons in structure:
        key = module.translation_key
        row = module_rows.get(key)
        done = row.lessons_completed if row else 0
        required = module.required_lesson_count
        entries = []
        for lesson in lessons:
            status = statuses.get(lesson.translation_key, NOT_STARTED)
            entries.append(
                {
                    "page": lesson,
                    "status": status,
                    "status_label": status_label(status),
                    "locked": key in locked,
                }
            )
            sequence.append((lesson, key))
        modules.append(
            {
                "page": module,
                "lessons": entries,
                "required": required,
                "completed": min(done, required) if required else done,
                "percent": min(100, 100 * done // required) if required else 0,
                "done": row is not None and row.completed_at is not None,
                "locked": key in locked,
            }
        )

    active = enrollment is not None and enrollment.is_active
    next_lesson = None
    if active:
        next_lesson = _next_lesson(sequence, statuses, enrollment.last_lesson_key, locked)

    prerequisites, missing = _prerequisites(course, user if signed_in else None)
    open_enrollment = course.enrollment == CoursePage.Enrollment.OPEN
    return {
        "modules": modules,
        "lesson_count": len(sequence),
        "enrollment": enrollment,
        "enrolled": active,
        "percent": enrollment.percent(course.required_lesson_count) if enrollment else 0,
        "course_completed": enrollment is not None and enrollment.completed_at is not None,
        "next_lesson": next_lesson,
        "first_lesson": sequence[0][0] if sequence else None,
        "started": bool(statuses),
        "prerequisites": prerequisites,
        "missing_prerequisites": missing,
        "open_enrollment": open_enrollment,
        "can_enroll": signed_in
        and not active
        and ((open_enrollment and not missing) or bool(enrollment and enrollment.cohort_id)),
        "certificate": _certificate(enrollment),
        "translations": page_languages({"request": None}, course),
    }


def _prerequisites(course, user):
    """The prerequisite courses (in the reader's language when translated), each with whether
    this learner completed it, and those they have not."""
    pages = list(course.prerequisites.all())
    if not pages:
        return [], []
    missing_keys = {page.translation_key for page in pages}
    if user is not None:
        missing_keys = {page.translation_key for page in missing_prerequisites(user, course)}
    items = [
        {"page": shown, "completed": user is not None and page.translation_key not in missing_keys}
        for page, shown in zip(pages, in_reader_language(pages), strict=True)
    ]
    return items, [item["page"] for item in items if not item["completed"]]


# --- The learner's dashboard -----------------------------------------------------------------


def _course_in_language(pages, language):
    """Of one course's pages (every language), the one to show: the translation in the
    reader's language, else its alias there (the original's words, the reader's interface),
    else the original in the site's default language, else any."""
    by_preference = sorted(
        pages,
        key=lambda page: (
            page.locale.language_code != language,
            page.alias_of_id is not None,
            page.locale.language_code != settings.LANGUAGE_CODE,
            page.pk,
        ),
    )
    return by_preference[0] if by_preference else None


def _tree_filter(courses, depth_below):
    return reduce(or_, (Q(path__startswith=c.path, depth=c.depth + depth_below) for c in courses))


def dashboard(user):
    """What the learner's dashboard shows: courses in progress (percentage, where to continue),
    completed courses (certificates) and courses left (to enroll again). Pages in the reader's
    language when translated. A fixed number of queries whatever the number of courses (one
    per kind of row: enrollments, course pages, modules, lessons, progress)."""
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .select_related("certificate", "cohort__institute")
        .order_by("-last_activity_at", "-enrolled_at")
    )
    if not enrollments:
        return {"in_progress": [], "completed": [], "left": [], "has_any": False}
    language = _active_language()
    pages_by_key = defaultdict(list)
    for page in (
        CoursePage.objects.live()
        .public()
        .filter(translation_key__in=[e.course_key for e in enrollments])
        .select_related("locale")
    ):
        pages_by_key[page.translation_key].append(page)
    shown = {key: _course_in_language(pages, language) for key, pages in pages_by_key.items()}

    # The lessons and modules of the courses in progress, to find where to continue.
    continuing = [
        shown[e.course_key]
        for e in enrollments
        if e.is_active and e.completed_at is None and e.course_key in shown
    ]
    modules_by_course = defaultdict(list)
    lessons_by_course = defaultdict(list)
    statuses, done_modules = {}, defaultdict(set)
    if continuing:
        course_by_path = {course.path: course for course in continuing}
        steplen = continuing[0].steplen
        live_modules = {}
        for module in (
            ModulePage.objects.live().filter(_tree_filter(continuing, 1)).order_by("path")
        ):
            course = course_by_path.get(module.path[:-steplen])
            if course is not None:
                modules_by_course[course.path].append(module)
                live_modules[module.path] = (course, module)
        for lesson in (
            LessonPage.objects.live()
            .public()
            .filter(_tree_filter(continuing, 2))
            .defer_streamfields()
            .order_by("path")
        ):
            found = live_modules.get(lesson.path[:-steplen])
            if found is not None:
                course, module = found
                lessons_by_course[course.path].append((lesson, module.translation_key))
        keys = [
            lesson.translation_key for items in lessons_by_course.values() for lesson, _ in items
        ]
        statuses = dict(
            LessonProgress.objects.filter(user=user, lesson_key__in=keys).values_list(
                "lesson_key", "status"
            )
        )
        for enrollment_id, key in ModuleProgress.objects.filter(
            enrollment__in=[e for e in enrollments if e.is_active], completed_at__isnull=False
        ).values_list("enrollment_id", "module_key"):
            done_modules[enrollment_id].add(key)

    result = {"in_progress": [], "completed": [], "left": [], "has_any": True}
    for enrollment in enrollments:
        course = shown.get(enrollment.course_key)
        if course is None:
            continue  # the course was unpublished
        item = {
            "enrollment": enrollment,
            "course": course,
            "percent": enrollment.percent(course.required_lesson_count),
            "certificate": _certificate(enrollment),
            "continue": None,
        }
        if enrollment.completed_at is not None:
            result["completed"].append(item)
        elif not enrollment.is_active:
            # Back in by themselves to an open course, or to the cohort they were in.
            item["can_enroll_again"] = bool(
                course.enrollment == CoursePage.Enrollment.OPEN or enrollment.cohort_id
            )
            result["left"].append(item)
        else:
            locked = modules_locked(
                modules_by_course[course.path], done_modules[enrollment.pk], course.modules_in_order
            )
            item["continue"] = _next_lesson(
                lessons_by_course[course.path], statuses, enrollment.last_lesson_key, locked
            )
            item["started"] = enrollment.lessons_started > 0
            result["in_progress"].append(item)
    return result


# --- A lesson's page -------------------------------------------------------------------------


def _answer_text(question, answer):
    """An answer as the learner gave it, in words."""
    if answer is None or answer == [] or answer == "":
        return _("No answer")
    kind = question["kind"]
    if kind in ("single_choice", "multiple_choice"):
        texts = {choice["index"]: choice["text"] for choice in question["choices"]}
        return "; ".join(texts[index] for index in answer if index in texts) or _("No answer")
    if kind == "true_false":
        return _("True") if answer else _("False")
    return str(answer)


def _as_list(raw):
    if raw is None:
        return []
    if isinstance(raw, list | tuple):
        return [str(item) for item in raw]
    return [str(raw)]


def quiz_state(
    lesson, quiz_id, value, attempts, *, can_submit, shown_number=None, answers=None, error=""
):
    """One quiz as its template shows it, built from ``public_quiz`` (no correctness) and the
    learner's own attempts (their results, i.e. right or wrong and the feedback, may be
    shown once submitted). ``answers`` re-fills the form after a refused submission."""
    public = public_quiz(quiz_id, value)
    used = len(attempts)
    limit = public["max_attempts"]
    left = None if not limit else max(0, limit - used)
    passed = any(attempt.passed for attempt in attempts)
    shown = None
    if attempts:
        shown = next((a for a in attempts if a.number == shown_number), None) or attempts[-1]
    results = {result["id"]: result for result in (shown.results if shown else [])}
    questions = []
    for number, question in enumerate(public["questions"], start=1):
        item = {**question, "number": number, "field": question["id"]}
        given = (answers or {}).get(question["id"])
        if question["kind"] in ("single_choice", "multiple_choice"):
            chosen = set(_as_list(given))
            item["choices"] = [
                {**choice, "checked": str(choice["index"]) in chosen}
                for choice in question["choices"]
            ]
        elif question["kind"] == "true_false":
            item["value"] = (_as_list(given) or [""])[0]
        else:
            item["text"] = (_as_list(given) or [""])[0]
        result = results.get(question["id"])
        if result is not None:
            item["result"] = {
                "correct": result["correct"],
                "feedback": result["feedback"],
                "answer": _answer_text(question, result["answer"]),
            }
        questions.append(item)
    if passed:
        state = "passed"
    elif left == 0:
        state = "exhausted"
    elif attempts:
        state = "failed"
    else:
        state = "new"
    return {
        **public,
        "questions": questions,
        "action": reverse("courses:quiz_submit", args=[lesson.pk, quiz_id]) if lesson.pk else "",
        "attempts_used": used,
        "attempts_left": left,
        "passed": passed,
        "state": state,
        "best_score": max((a.score for a in attempts), default=None),
        "shown": shown,
        # An enrolled learner gets the form while attempts are left, and after a refused
        # submission (their answers in it); a reader of an open preview sees the questions.
        "enrolled": can_submit,
        "can_submit": can_submit and left != 0,
        "show_form": not can_submit or left != 0 or bool(error),
        "error": error,
        "answers_kept": bool(answers) or bool(error),
    }


def lesson_context(
    lesson,
    user,
    *,
    tracking=True,
    shown_attempt=None,
    shown_quiz=None,
    quiz_answers=None,
    quiz_errors=None,
):
    """What a lesson page shows: its course and module, the lessons before and after it, the
    learner's progress (lesson, module, course), and its body with each quiz given as
    ``quiz_state`` (public data and the learner's attempts, never the raw quiz).

    ``tracking`` is False when the reader is not an enrolled learner (an open preview, an
    editor's preview): nothing personal is read and quizzes cannot be submitted.
    ``shown_attempt``/``shown_quiz`` pick the attempt whose feedback is shown (the latest by
    default); ``quiz_answers``/``quiz_errors`` (by quiz id) re-fill a refused submission."""
    try:
        structure = Structure(lesson)
        course, module = structure.course, structure.module
    except (ModulePage.DoesNotExist, CoursePage.DoesNotExist, TypeError):
        course = module = None  # an editor's preview of a page not in a course yet

    sequence, module_lessons = [], []
    if course is not None:
        for each_module, lessons in _module_lessons(course):
            for item in lessons:
                sequence.append(item)
                if each_module.pk == module.pk:
                    module_lessons.append(item)
    position = next((i for i, item in enumerate(sequence) if item.pk == lesson.pk), None)
    previous_lesson = sequence[position - 1] if position else None
    next_lesson = (
        sequence[position + 1] if position is not None and position + 1 < len(sequence) else None
    )

    signed_in = _signed_in(user)
    enrollment = progress = module_row = None
    statuses, attempts, locked = {}, defaultdict(list), False
    if signed_in and course is not None:
        enrollment = (
            Enrollment.objects.filter(user=user, course_key=course.translation_key)
            .select_related("certificate")
            .first()
        )
    tracking = tracking and enrollment is not None and enrollment.is_active
    if tracking:
        keys = {item.translation_key for item in module_lessons} | {lesson.translation_key}
        for row in LessonProgress.objects.filter(user=user, lesson_key__in=keys):
            statuses[row.lesson_key] = row.status
            if row.lesson_key == lesson.translation_key:
                progress = row
        module_row = ModuleProgress.objects.filter(
            enrollment=enrollment, module_key=module.translation_key
        ).first()
        for attempt in QuizAttempt.objects.filter(
            user=user, lesson_key=lesson.translation_key
        ).order_by("number"):
            attempts[attempt.quiz_key].append(attempt)
        if course.modules_in_order:
            locked = module.translation_key in locked_module_keys(enrollment, course)
    can_submit = tracking and not locked

    quizzes, body = [], []
    for child in lesson.body:
        if child.block_type == "quiz":
            state = quiz_state(
                lesson,
                child.id,
                child.value,
                attempts[child.id],
                can_submit=can_submit,
                shown_number=shown_attempt if shown_quiz in (None, child.id) else None,
                answers=(quiz_answers or {}).get(child.id),
                error=(quiz_errors or {}).get(child.id, ""),
            )
            quizzes.append(state)
            # The raw block is not passed on: its value holds the answers.
            body.append({"id": child.id, "type": "quiz", "quiz": state})
        else:
            body.append({"id": child.id, "type": child.block_type, "block": child})

    status = progress.status if progress else NOT_STARTED
    required_quizzes = [quiz for quiz in quizzes if quiz["required"]]
    module_required = module.required_lesson_count if module else 0
    module_done = module_row.lessons_completed if module_row else 0
    return {
        "course": course,
        "module": module,
        "module_lessons": [
            {
                "page": item,
                "status": statuses.get(item.translation_key, NOT_STARTED),
                "status_label": status_label(statuses.get(item.translation_key, NOT_STARTED)),
                "current": item.pk == lesson.pk,
            }
            for item in module_lessons
        ],
        "previous_lesson": previous_lesson,
        "next_lesson": next_lesson,
        "lesson_number": position + 1 if position is not None else None,
        "lesson_count": len(sequence),
        "enrollment": enrollment,
        "tracking": tracking,
        "locked": locked,
        "progress": progress,
        "status": status,
        "status_label": status_label(status),
        "completed": status == COMPLETED,
        "resume_position": _resume_position(progress, body),
        "module_percent": min(100, 100 * module_done // module_required) if module_required else 0,
        "module_completed": min(module_done, module_required),
        "module_required": module_required,
        "course_percent": (
            enrollment.percent(course.required_lesson_count) if tracking and course else 0
        ),
        "certificate": _certificate(enrollment) if tracking else None,
        "quizzes": quizzes,
        "required_quizzes": required_quizzes,
        "quiz_gate": bool(required_quizzes) and not all(q["passed"] for q in required_quizzes),
        "body": body,
    }


def _resume_position(progress, body):
    """The block the learner was reading when they left, if it is still in the lesson."""
    if progress is None or not progress.position or progress.is_completed:
        return None
    ids = {item["id"] for item in body}
    return progress.position if progress.position in ids else None
