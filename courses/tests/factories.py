"""Course pages and cohorts for tests. Pages are added through the tree under ``parent=``
(a course under the course catalogue, a module under its course, a lesson under its module),
live unless ``live=False``; counts of required lessons follow from publication as on the site.

``quiz(...)`` builds a quiz block's value for a lesson body from plain questions.
"""

import datetime
import uuid

import factory

from courses.models import Cohort, CourseIndexPage, CoursePage, LessonPage, ModulePage
from knowledge.tests.factories import _PageFactory, _SectionFactory
from people.tests.factories import TrainingInstituteFactory


class CourseIndexPageFactory(_SectionFactory):
    class Meta:
        model = CourseIndexPage

    title = "Courses"
    slug = "courses"


class CoursePageFactory(_PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Leading a landscape partnership {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "How partnerships agree a shared vision and act on it."
    outcomes = factory.LazyFunction(lambda: [("outcome", "Convene the actors of a landscape")])

    @classmethod
    def _default_parent(cls):
        index = CourseIndexPage.objects.filter(locale__language_code="en").first()
        return index or CourseIndexPageFactory()


class ModulePageFactory(_PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    summary = "Who is in the landscape, and what they need."


class LessonPageFactory(_PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    summary = "Mapping the actors."
    body = factory.LazyFunction(lambda: [("text", "<p>A landscape is shared by many people.</p>")])


def _id():
    return str(uuid.uuid4())


def choice_question(prompt, choices, correct, *, multiple=False, explanation=""):
    """A single-choice (or multiple-answer) question; ``correct`` is an index or a list."""
    right = set(correct) if isinstance(correct, list | tuple | set) else {correct}
    return {
        "type": "multiple_choice" if multiple else "single_choice",
        "id": _id(),
        "value": {
            "prompt": prompt,
            "choices": [
                {
                    "type": "item",
                    "id": _id(),
                    "value": {
                        "text": text,
                        "correct": index in right,
                        "feedback": f"Feedback for {text}",
                    },
                }
                for index, text in enumerate(choices)
            ],
            "explanation": explanation,
        },
    }


def true_false(prompt, answer):
    return {
        "type": "true_false",
        "id": _id(),
        "value": {
            "prompt": prompt,
            "answer": answer,
            "feedback_correct": "Right.",
            "feedback_incorrect": "Not quite.",
        },
    }


def short_text(prompt, accepted):
    return {
        "type": "short_text",
        "id": _id(),
        "value": {
            "prompt": prompt,
            "accepted_answers": [{"type": "item", "id": _id(), "value": a} for a in accepted],
            "feedback_correct": "Right.",
            "feedback_incorrect": "Not quite.",
        },
    }


def quiz(*questions, title="Check your understanding", pass_mark=70, max_attempts=3, required=True):
    """A quiz block for a lesson body (raw stream data: ``body=[quiz(...)]``)."""
    return {
        "type": "quiz",
        "id": _id(),
        "value": {
            "title": title,
            "instructions": "",
            "required": required,
            "pass_mark": pass_mark,
            "max_attempts": max_attempts,
            "questions": list(questions),
        },
    }


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    institute = factory.SubFactory(TrainingInstituteFactory)
    course = factory.SubFactory(CoursePageFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    starts_on = factory.LazyFunction(lambda: datetime.date.today())
    ends_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=60))
