"""The learning record: the xAPI 1.0.3 statements the real services write (enrolled, launched,
completed, passed, failed, answered), as a Learning Record Store reads them; and that a
cohort's export holds its own learners' statements only."""

import datetime
import json
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services, xapi
from courses.models import LearningStatement
from courses.tests.test_cohort_builders import build_cohort, join
from knowledge.tests.factories import translate

pytestmark = pytest.mark.django_db

ADL = "http://adlnet.gov/expapi/verbs/"
ACTIVITIES = "http://adlnet.gov/expapi/activities/"


@pytest.fixture
def world():
    return build_cohort()


def _statements(user, verb=None):
    rows = LearningStatement.objects.filter(user=user).order_by("timestamp", "verb")
    if verb:
        rows = rows.filter(verb=verb)
    return [row.statement for row in rows]


def _only(user, verb):
    [statement] = _statements(user, verb)
    return statement


def _check_envelope(statement, user, verb):
    assert uuid.UUID(statement["id"])
    assert statement["version"] == "1.0.3"
    assert statement["verb"]["id"] == ADL + verb
    assert statement["actor"] == {
        "objectType": "Agent",
        "name": user.name,
        "account": {"homePage": xapi.site_root(), "name": str(user.pk)},
    }
    assert "mbox" not in statement["actor"]  # the email address never leaves the site
    moment = datetime.datetime.fromisoformat(statement["timestamp"])
    assert moment.tzinfo is not None


def _check_context(statement, world, language="en"):
    context = statement["context"]
    grouping = context["contextActivities"]["grouping"]
    course = world.course.course
    assert grouping[0]["id"] == xapi.activity_iri("course", course.translation_key)
    assert grouping[0]["definition"]["type"] == ACTIVITIES + "course"
    cohort_iri = f"{xapi.site_root()}/xapi/activities/cohort/{world.cohort.pk}"
    assert grouping[1]["id"] == cohort_iri
    assert grouping[1]["definition"]["name"] == {"en": world.cohort.name}
    assert context["extensions"] == {f"{xapi.site_root()}/xapi/extensions/cohort": world.cohort.pk}
    assert context["language"] == language
    return context


def test_enrolling_through_a_cohort_is_registered(world, learner):
    join(world, learner)
    statement = _only(learner, "registered")
    _check_envelope(statement, learner, "registered")
    course = world.course.course
    assert statement["object"] == {
        "objectType": "Activity",
        "id": xapi.activity_iri("course", course.translation_key),
        "definition": {"type": ACTIVITIES + "course", "name": {"en": course.title}},
    }
    _check_context(statement, world)
    row = LearningStatement.objects.get(user=learner)
    assert (row.verb, row.course_key, row.cohort) == (
        "registered",
        course.translation_key,
        world.cohort,
    )


def test_opening_and_completing_a_lesson(world, learner):
    join(world, learner)
    lesson, module = world.course.lessons[0], world.course.modules[0]
    start = timezone.now() - datetime.timedelta(minutes=5)
    services.lesson_open(user=learner, lesson=lesson, now=start)
    services.lesson_track(
        user=learner, lesson=lesson, seconds=75, now=start + datetime.timedelta(seconds=80)
    )
    services.lesson_complete(
        user=learner, lesson=lesson, now=start + datetime.timedelta(seconds=90)
    )
    lesson_iri = xapi.activity_iri("lesson", lesson.translation_key)

    launched = _only(learner, "launched")
    _check_envelope(launched, learner, "launched")
    assert launched["object"]["id"] == lesson_iri
    assert launched["object"]["definition"]["type"] == ACTIVITIES + "lesson"
    _check_context(launched, world)

    [completed] = _statements(learner, "completed")
    _check_envelope(completed, learner, "completed")
    assert completed["object"]["id"] == lesson_iri
    assert completed["result"]["completion"] is True
    assert xapi.parse_duration(completed["result"]["duration"]) == 75
    context = _check_context(completed, world)
    [parent] = context["contextActivities"]["parent"]
    assert parent["id"] == xapi.activity_iri("module", module.translation_key)
    assert parent["definition"]["type"] == ACTIVITIES + "module"


def test_passing_and_failing_a_quiz_and_each_answer(world, learner):
    join(world, learner)
    course = world.course
    lesson = course.lessons[1]
    services.quiz_submit(
        user=learner, lesson=lesson, quiz_id=course.quiz_id, answers=course.answers[0], seconds=40
    )
    services.quiz_submit(
        user=learner, lesson=lesson, quiz_id=course.quiz_id, answers=course.answers[100]
    )
    quiz_iri = xapi.activity_iri("lesson", lesson.translation_key, "quiz", course.quiz_id)
    lesson_iri = xapi.activity_iri("lesson", lesson.translation_key)

    failed = _only(learner, "failed")
    _check_envelope(failed, learner, "failed")
    assert failed["object"]["id"] == quiz_iri
    assert failed["object"]["definition"] == {
        "type": ACTIVITIES + "assessment",
        "name": {"en": "Actors quiz"},
    }
    assert failed["result"] == {
        "score": {"scaled": 0.0, "raw": 0, "min": 0, "max": 100},
        "success": False,
        "completion": True,
        "duration": "PT40S",
    }
    assert failed["context"]["contextActivities"]["parent"][0]["id"] == lesson_iri
    _check_context(failed, world)

    passed = _only(learner, "passed")
    assert passed["result"]["score"] == {"scaled": 1.0, "raw": 100, "min": 0, "max": 100}
    assert passed["result"]["success"] is True
    assert xapi.parse_duration(passed["result"]["duration"]) == 0

    answered = _statements(learner, "answered")
    assert len(answered) == 4  # two questions, two attempts
    question_ids = {s["object"]["id"].rsplit("/", 1)[1] for s in answered}
    assert question_ids == set(course.answers[100])
    for statement in answered:
        _check_envelope(statement, learner, "answered")
        assert statement["object"]["id"].startswith(f"{quiz_iri}/question/")
        assert statement["object"]["definition"]["type"] == ACTIVITIES + "cmi.interaction"
        assert statement["context"]["contextActivities"]["parent"][0]["id"] == quiz_iri
        assert isinstance(statement["result"]["success"], bool)
        assert isinstance(statement["result"]["response"], str)
    responses = {
        (s["object"]["id"].rsplit("/", 1)[1], s["result"]["response"], s["result"]["success"])
        for s in answered
    }
    first, second = course.answers[100]
    assert (first, "1", True) in responses and (second, "false", True) in responses
    assert (first, "0", False) in responses and (second, "true", False) in responses


def test_completing_the_course_records_module_and_course_completion(world, learner):
    join(world, learner)
    course = world.course
    for lesson in course.lessons:
        if lesson.quizzes():
            services.quiz_submit(
                user=learner, lesson=lesson, quiz_id=course.quiz_id, answers=course.answers[100]
            )
        else:
            services.lesson_complete(user=learner, lesson=lesson)
    objects = {s["object"]["id"] for s in _statements(learner, "completed")}
    assert xapi.activity_iri("course", course.course.translation_key) in objects
    for module in course.modules:
        assert xapi.activity_iri("module", module.translation_key) in objects


def test_a_lesson_has_one_activity_iri_in_every_language(world, learner):
    course = world.course
    translate(course.course, "fr", title="Animer un partenariat")
    translate(course.modules[0], "fr", title="Réunir")
    french = translate(course.lessons[0], "fr", title="Qui vit dans le paysage")
    join(world, learner)
    services.lesson_open(user=learner, lesson=french)
    launched = _only(learner, "launched")
    assert launched["object"]["id"] == xapi.activity_iri(
        "lesson", course.lessons[0].translation_key
    )
    assert launched["object"]["definition"]["name"] == {"fr": "Qui vit dans le paysage"}
    assert launched["context"]["language"] == "fr"


def test_a_learner_without_a_cohort_has_no_cohort_in_context(learner):
    world = build_cohort()
    services.enrollment_create(user=learner, course=world.course.course)
    statement = _only(learner, "registered")
    grouping = statement["context"]["contextActivities"]["grouping"]
    assert len(grouping) == 1 and "extensions" not in statement["context"]


def test_durations_are_iso_8601():
    assert xapi.duration(0) == "PT0S"
    assert xapi.duration(3723) == "PT1H2M3S"
    assert xapi.parse_duration("PT1H2M3S") == 3723
    with pytest.raises(ValueError):
        xapi.parse_duration("1 hour")


def _export(client, cohort):
    response = client.get(reverse("courses:cohort_statements", args=[cohort.pk]))
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))["statements"]


def test_a_learners_statements_never_appear_in_another_cohorts_export(client, world, learner):
    other = build_cohort(course=world.course)
    someone = join(other)
    join(world, learner)
    services.lesson_open(user=learner, lesson=world.course.lessons[0])
    before_move = {
        str(pk)
        for pk in LearningStatement.objects.filter(user=learner).values_list(
            "statement_id", flat=True
        )
    }

    # The learner moves to the other cohort: what they do from then on belongs to it.
    report = services.cohort_invite(cohort=other.cohort, emails=learner.email, by=other.facilitator)
    services.cohort_invitation_accept(invitation=report.invited[0], user=learner)
    services.lesson_complete(user=learner, lesson=world.course.lessons[0])

    client.force_login(world.facilitator)
    first = _export(client, world.cohort)
    client.force_login(other.facilitator)
    second = _export(client, other.cohort)
    first_ids = {s["id"] for s in first}
    second_ids = {s["id"] for s in second}
    assert first_ids == before_move
    assert not first_ids & second_ids
    assert all(s["actor"]["account"]["name"] == str(learner.pk) for s in first)
    cohort_key = f"{xapi.site_root()}/xapi/extensions/cohort"
    assert {s["context"]["extensions"][cohort_key] for s in first} == {world.cohort.pk}
    assert {s["context"]["extensions"][cohort_key] for s in second} == {other.cohort.pk}
    assert {s["actor"]["account"]["name"] for s in second} == {str(someone.pk), str(learner.pk)}
