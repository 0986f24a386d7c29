"""Courses and their lessons in the network's search. A lesson is found by its title and
summary only: its body is for enrolled learners (and holds quiz answers)."""

from django.utils.translation import gettext_lazy as _

from search import registry
from search.pages import PageSearchType, field_text

from .models import CoursePage, LessonPage


class Courses(PageSearchType):
    name = "course"
    label = _("Courses")
    model = CoursePage

    def page_document(self, page):
        return {"summary": page.summary, "body": field_text(page, "description", "outcomes")}


class Lessons(PageSearchType):
    name = "lesson"
    label = _("Lessons")
    model = LessonPage

    def page_document(self, page):
        return {"summary": page.summary}


registry.register(Courses())
registry.register(Lessons())
