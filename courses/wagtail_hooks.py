"""Courses in the Wagtail admin: editors see and correct the cohorts institutes run (the
institutes themselves create them on the site, through ``courses.services``), and case-study
pages list the courses that use them as examples."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Page, ReferenceIndex
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from knowledge.translation import in_reader_language

from .models import Cohort, CoursePage, LessonPage


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "group"
    menu_label = gettext_lazy("Cohorts")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "institute", "course", "starts_on", "ends_on"]
    list_filter = ["institute", "course", "starts_on"]
    search_fields = ["name"]
    ordering = ["-starts_on", "name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("institute"),
        FieldPanel("course"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("facilitators"),
    ]


register_snippet(CohortViewSet)


@hooks.register("case_study_related")
def courses_using_case_study(case_study):
    """ "Courses that use this case study": live courses whose lessons embed it (in any of its
    languages) through a case-study block, each in the reader's language when translated.
    Found through Wagtail's reference index, in a fixed number of queries."""
    translations = (
        Page.objects.filter(translation_key=case_study.translation_key)
        .annotate(key=Cast("pk", output_field=CharField()))
        .values("key")
    )
    lesson_ids = list(
        ReferenceIndex.objects.filter(
            to_content_type=ContentType.objects.get_for_model(Page),
            to_object_id__in=translations,
            content_type=ContentType.objects.get_for_model(LessonPage),
            model_path__startswith="body.case_study",
        )
        .values_list("object_id", flat=True)
        .distinct()
    )
    if not lesson_ids:
        return None
    lesson_paths = list(
        LessonPage.objects.live()
        .public()
        .filter(pk__in=[int(pk) for pk in lesson_ids])
        .values_list("path", "depth")
    )
    if not lesson_paths:
        return None
    course_paths = {path[: (depth - 2) * Page.steplen] for path, depth in lesson_paths}
    courses = list(
        CoursePage.objects.live().public().filter(path__in=course_paths).order_by("title")
    )
    if not courses:
        return None
    shown = in_reader_language(courses)
    return {
        "title": _("Courses that use this case study"),
        "items": [{"url": course.url, "title": course.title} for course in shown],
    }
