"""What a learner does on the site: find the catalogue, enroll and leave, read lessons, mark
them done, answer quizzes, follow their courses and download their learning record.

Every action is a plain form POST that redirects back with a message, so it works without
JavaScript. Called by fetch() with ``Accept: application/json`` (static/js/lesson.js), the
same view answers JSON instead, so progress is saved without reloading. The rules live in
``courses.services``; views only collect what was sent and show what came back.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from knowledge.views import section

from . import selectors, services
from .models import CourseIndexPage, CoursePage, Enrollment, LearningStatement, LessonPage
from .models.pages import course_of


def index(request):
    return section(request, CourseIndexPage, "courses")


# --- Helpers -------------------------------------------------------------------------------


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _error_text(error):
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error) or _("You may not do this.")


def _safe_next(request, fallback):
    """Where to go back to: the form's ``next`` when it stays on this site."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _sign_in(request, next_url):
    if _wants_json(request):
        return JsonResponse(
            {
                "ok": False,
                "error": _("Sign in to take this course."),
                "login_url": _login(next_url),
            },
            status=401,
        )
    return redirect_to_login(next_url)


def _login(next_url):
    return redirect_to_login(next_url).url


def _refused(request, error, back_to):
    """A service said no: say why, as a message (and go back) or as JSON."""
    text = _error_text(error)
    if _wants_json(request):
        status = 403 if isinstance(error, PermissionDenied) else 400
        return JsonResponse({"ok": False, "error": text}, status=status)
    messages.error(request, text)
    return redirect(back_to)


def _never_cache(response):
    add_never_cache_headers(response)  # private, no-store: the page shows one learner's progress
    return response


def _url(page, request):
    return page.get_url(request) if page is not None else None


# --- Enrollment ------------------------------------------------------------------------------


@require_POST
def enroll(request, course_id):
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    course_url = course.get_url(request)
    if not request.user.is_authenticated:
        return _sign_in(request, course_url)
    returning = Enrollment.objects.filter(
        user=request.user, course_key=course.translation_key, status=Enrollment.Status.LEFT
    ).exists()
    try:
        enrollment = services.enrollment_create(user=request.user, course=course)
    except (PermissionDenied, ValidationError) as error:
        return _refused(request, error, course_url)
    if returning:
        text = _("Welcome back to “%(course)s”: your progress is as you left it.")
    else:
        text = _("You are enrolled in “%(course)s”.")
    text %= {"course": course.title}
    if _wants_json(request):
        outline = selectors.course_outline(course, user=request.user)
        target = outline["next_lesson"] or outline["first_lesson"]
        return JsonResponse(
            {
                "ok": True,
                "enrolled": True,
                "message": text,
                "percent": enrollment.percent(course.required_lesson_count),
                "continue_url": _url(target, request),
            }
        )
    messages.success(request, text)
    return redirect(_safe_next(request, course_url))


@require_POST
def leave(request, course_id):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    course_url = course.get_url(request)
    if not request.user.is_authenticated:
        return _sign_in(request, course_url)
    try:
        services.enrollment_leave(user=request.user, course=course)
    except (PermissionDenied, ValidationError) as error:
        return _refused(request, error, course_url)
    text = _(
        "You have left “%(course)s”. Your progress is kept: enroll again to continue where "
        "you stopped."
    ) % {"course": course.title}
    if _wants_json(request):
        return JsonResponse({"ok": True, "enrolled": False, "message": text})
    messages.success(request, text)
    return redirect(_safe_next(request, course_url))


# --- Lessons ---------------------------------------------------------------------------------


def _render_lesson(request, lesson, *, status=200, **options):
    """The lesson page (Wagtail's way: the page's template and context), with what
    ``selectors.lesson_context`` adds; never cached."""
    context = lesson.get_context(request)
    context.update(selectors.lesson_context(lesson, request.user, **options))
    response = TemplateResponse(request, lesson.get_template(request), context, status=status)
    return _never_cache(response)


def _shown_attempt(request):
    try:
        number = int(request.GET.get("attempt", ""))
    except ValueError:
        return {}
    return {"shown_attempt": number, "shown_quiz": request.GET.get("quiz") or None}


def lesson_serve(lesson, request, *args, **kwargs):
    """A lesson page (LessonPage.serve). Open previews are readable by anyone, without
    tracking; other lessons need a signed-in learner enrolled in the course, in a module
    that is open to them. Opening a lesson records it (``services.lesson_open``)."""
    user = request.user
    tracking = False
    if user.is_authenticated:
        try:
            services.lesson_open(user=user, lesson=lesson)
            tracking = True
        except PermissionDenied as error:
            if not lesson.preview:
                return _lesson_refused(request, lesson, error)
    elif not lesson.preview:
        return redirect_to_login(request.get_full_path())
    return _render_lesson(request, lesson, tracking=tracking, **_shown_attempt(request))


def _lesson_refused(request, lesson, error):
    course = course_of(lesson)
    enrolled = Enrollment.objects.filter(
        user=request.user, course_key=course.translation_key, status=Enrollment.Status.ACTIVE
    ).exists()
    if enrolled:
        messages.warning(request, _error_text(error))
    else:
        messages.info(
            request, _("Enroll in “%(course)s” to open its lessons.") % {"course": course.title}
        )
    return redirect(course.get_url(request))


def _lesson_for_action(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    return lesson, lesson.get_url(request)


def _progress_payload(request, context, message=""):
    """What fetch() needs to update a lesson page after an action."""
    certificate = context["certificate"]
    return {
        "ok": True,
        "message": message,
        "lesson_completed": context["completed"],
        "status": context["status"],
        "status_label": str(context["status_label"]),
        "module_percent": context["module_percent"],
        "module_completed": context["module_completed"],
        "module_required": context["module_required"],
        "course_percent": context["course_percent"],
        "course_completed": certificate is not None,
        "certificate_url": (
            reverse("courses:certificate_verify", args=[certificate.code]) if certificate else None
        ),
        "next_url": _url(context["next_lesson"], request),
    }


def _completion_message(context):
    if context["certificate"] is not None:
        return _("Lesson completed. You have completed the course: your certificate is ready.")
    if context["next_lesson"] is not None:
        return _("Lesson completed. Next: “%(title)s”.") % {"title": context["next_lesson"].title}
    return _("Lesson completed.")


@require_POST
def lesson_complete(request, lesson_id):
    lesson, lesson_url = _lesson_for_action(request, lesson_id)
    if not request.user.is_authenticated:
        return _sign_in(request, lesson_url)
    try:
        services.lesson_complete(user=request.user, lesson=lesson)
    except (PermissionDenied, ValidationError) as error:
        return _refused(request, error, lesson_url)
    context = selectors.lesson_context(lesson, request.user)
    text = _completion_message(context)
    if _wants_json(request):
        return JsonResponse(_progress_payload(request, context, text))
    messages.success(request, text)
    return redirect(lesson_url)


def _form_data(request):
    """The heartbeat's fields, sent as a form (navigator.sendBeacon, a plain form) or JSON."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, RecursionError):
            return None
        return data if isinstance(data, dict) else None
    return request.POST


@require_POST
def lesson_progress(request, lesson_id):
    """A heartbeat: seconds spent since the last one, and where the learner is."""
    lesson, lesson_url = _lesson_for_action(request, lesson_id)
    html_form = "text/html" in request.headers.get("Accept", "") and not _wants_json(request)
    if not request.user.is_authenticated:
        if html_form:
            return redirect_to_login(lesson_url)
        return JsonResponse({"ok": False, "error": _("Sign in to take this course.")}, status=401)
    data = _form_data(request)
    if data is None:
        return JsonResponse(
            {"ok": False, "error": _("The progress could not be read.")}, status=400
        )
    try:
        progress = services.lesson_track(
            user=request.user,
            lesson=lesson,
            seconds=data.get("seconds", 0),
            position=data.get("position"),
        )
    except (PermissionDenied, ValidationError) as error:
        if html_form:
            return _refused(request, error, lesson_url)
        status = 403 if isinstance(error, PermissionDenied) else 400
        return JsonResponse({"ok": False, "error": _error_text(error)}, status=status)
    if html_form:
        return redirect(lesson_url)
    return JsonResponse(
        {
            "ok": True,
            "seconds_spent": progress.seconds_spent,
            "position": progress.position,
            "status": progress.status,
        }
    )


# --- Quizzes ---------------------------------------------------------------------------------


def _collect_answers(data, value):
    """The answers of a quiz form: one field per question, named by the question's id (a
    choice's index, several for multiple answers, "true"/"false", or text)."""
    answers = {}
    for question in value["questions"]:
        key = question.id
        if question.block_type == "multiple_choice":
            given = data.getlist(key)
            if given:
                answers[key] = given
        elif key in data:
            answers[key] = data.get(key)
    return answers


def _score_message(attempt, state):
    text = _("You scored %(score)s%% (%(correct)s of %(total)s right).") % {
        "score": attempt.score,
        "correct": attempt.correct,
        "total": attempt.total,
    }
    if attempt.passed:
        return f"{text} {_('You passed this quiz.')}"
    text = f"{text} " + _("The pass mark is %(mark)s%%.") % {"mark": state["pass_mark"]}
    left = state["attempts_left"]
    if left is None:
        return f"{text} {_('Read the feedback and try again.')}"
    if left:
        return f"{text} " + ngettext(
            "You have %(count)s attempt left.", "You have %(count)s attempts left.", left
        ) % {"count": left}
    return f"{text} {_('You have no attempts left.')}"


@require_POST
def quiz_submit(request, lesson_id, quiz_id):
    """Grade an attempt. On success: back to the lesson, where the attempt's feedback shows
    (or JSON). Refused (attempts used up, a stale quiz): the lesson again, the learner's
    answers kept and the reason next to the quiz."""
    lesson, lesson_url = _lesson_for_action(request, lesson_id)
    if not request.user.is_authenticated:
        return _sign_in(request, lesson_url)
    value = dict(lesson.quizzes()).get(quiz_id)
    answers = _collect_answers(request.POST, value) if value is not None else {}
    try:
        attempt = services.quiz_submit(
            user=request.user,
            lesson=lesson,
            quiz_id=quiz_id,
            answers=answers,
            seconds=request.POST.get("seconds", 0),
        )
    except PermissionDenied as error:
        return _refused(request, error, course_of(lesson).get_url(request))
    except ValidationError as error:
        return _quiz_refused(request, lesson, quiz_id, answers, _error_text(error))

    context = selectors.lesson_context(
        lesson, request.user, shown_attempt=attempt.number, shown_quiz=quiz_id
    )
    state = next(quiz for quiz in context["quizzes"] if quiz["id"] == quiz_id)
    text = _score_message(attempt, state)
    if context["completed"] and attempt.passed:
        text = f"{text} {_completion_message(context)}"
    if _wants_json(request):
        payload = _progress_payload(request, context, text)
        payload.update(
            {
                "score": attempt.score,
                "passed": attempt.passed,
                "attempt": attempt.number,
                "attempts_left": state["attempts_left"],
                "questions": [
                    {"id": r["id"], "correct": r["correct"], "feedback": r["feedback"]}
                    for r in attempt.results
                ],
                "html": render_to_string("blocks/quiz.html", {"quiz": state}, request),
            }
        )
        return JsonResponse(payload)
    if attempt.passed:
        messages.success(request, text)
    else:
        messages.warning(request, text)
    return redirect(f"{lesson_url}?attempt={attempt.number}&quiz={quiz_id}#quiz-{quiz_id}")


def _quiz_refused(request, lesson, quiz_id, answers, text):
    if _wants_json(request):
        context = selectors.lesson_context(
            lesson,
            request.user,
            quiz_answers={quiz_id: answers},
            quiz_errors={quiz_id: text},
        )
        state = next((quiz for quiz in context["quizzes"] if quiz["id"] == quiz_id), None)
        html = render_to_string("blocks/quiz.html", {"quiz": state}, request) if state else ""
        return JsonResponse({"ok": False, "error": text, "html": html}, status=400)
    messages.error(request, text)
    return _render_lesson(
        request,
        lesson,
        quiz_answers={quiz_id: answers},
        quiz_errors={quiz_id: text},
    )


# --- The learner's own pages -----------------------------------------------------------------


@login_required
def dashboard(request):
    from .permissions import cohorts_followed_by

    context = selectors.dashboard(request.user)
    # Facilitators and institute administrators find their cohorts from here.
    context["follows_cohorts"] = cohorts_followed_by(request.user).exists()
    return _never_cache(TemplateResponse(request, "courses/dashboard.html", context))


@login_required
def my_record(request):
    """The learner's learning record: every xAPI statement about them, oldest first."""
    statements = list(
        LearningStatement.objects.filter(user=request.user)
        .order_by("timestamp", "id")
        .values_list("statement", flat=True)
    )
    response = JsonResponse(
        {"statements": statements}, json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Content-Disposition"] = 'attachment; filename="learning-record.json"'
    return _never_cache(response)
