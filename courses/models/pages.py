"""The course pages editors author in Wagtail: a course holds modules, a module holds lessons.

A course may be built from a curriculum of the knowledge hub; its lessons embed curriculum
material and case studies. Everything a learner does is keyed to the pages' *translation
keys*, so the French and the English course are one course with one record per learner.

The number of required lessons (course and module) is stored on the pages and recounted when
a lesson is published, unpublished, moved or deleted, so a learner's percentage is two stored
numbers, never a walk over the tree.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from knowledge import blocks as knowledge_blocks
from knowledge.cache import CachedPageMixin
from knowledge.models.case_studies import LicenceMixin
from knowledge.models.curricula import Level
from knowledge.models.home import SectionIndexPage
from people.models import SPOKEN_LANGUAGES

from .. import blocks


def course_of(page):
    """The course a course, module or lesson page belongs to (None once it is gone), found
    from the page's tree path in one query."""
    steplen = page.steplen
    ancestors = [page.path[: steplen * n] for n in range(1, len(page.path) // steplen + 1)]
    return CoursePage.objects.filter(path__in=ancestors).first()


class CourseIndexPage(CachedPageMixin, SectionIndexPage):
    """The catalogue of courses."""

    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course index")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import course_catalogue

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = course_catalogue(self, user=request.user)
        return context


class CoursePage(CachedPageMixin, LicenceMixin, Page):  # noqa: DJ008 (Page names it)
    """A course: what it teaches, to whom, how long it takes; its modules are child pages.
    Anonymous readers see the syllabus (cached); a signed-in learner sees their progress."""

    class Enrollment(models.TextChoices):
        OPEN = "open", _("Anyone signed in may enroll")
        INVITATION = "invitation", _("By invitation to a cohort only")

    summary = models.CharField(_("summary"), max_length=300)
    description = RichTextField(
        _("about this course"), blank=True, features=knowledge_blocks.PLAIN_RICH_TEXT
    )
    outcomes = StreamField(
        [("outcome", knowledge_blocks.LearningObjectiveBlock())],
        verbose_name=_("learning outcomes"),
    )
    curriculum = models.ForeignKey(
        "knowledge.CurriculumPage",
        verbose_name=_("curriculum taught"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )
    institute = models.ForeignKey(
        "people.TrainingInstitute",
        verbose_name=_("issuing institute"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
        help_text=_("Named on certificates, unless a cohort's institute runs the course."),
    )
    estimated_hours = models.DecimalField(
        _("estimated hours"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, blank=True)
    original_language = models.CharField(
        _("original language"), max_length=8, choices=SPOKEN_LANGUAGES, default="en"
    )
    prerequisites = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("prerequisite courses"),
        blank=True,
        related_name="required_by",
        help_text=_("Courses a learner completes before enrolling in this one."),
    )
    modules_in_order = models.BooleanField(
        _("modules unlock in order"),
        default=False,
        help_text=_("A module opens once the learner has completed the one before it."),
    )
    enrollment = models.CharField(
        _("enrollment"), max_length=16, choices=Enrollment.choices, default=Enrollment.OPEN
    )
    # Kept by courses.signals when lessons are published or removed; never edited by hand.
    required_lesson_count = models.PositiveIntegerField(default=0, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("curriculum"),
                FieldPanel("institute"),
                FieldRowPanel(
                    [
                        FieldPanel("estimated_hours"),
                        FieldPanel("level"),
                        FieldPanel("original_language"),
                    ]
                ),
            ],
            heading=_("About the course"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enrollment"),
                FieldPanel("prerequisites"),
                FieldPanel("modules_in_order"),
            ],
            heading=_("Learning rules"),
        ),
        FieldPanel("licence"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("level"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    api_fields = [
        APIField("summary"),
        APIField("description"),
        APIField("outcomes"),
        APIField("estimated_hours"),
        APIField("level"),
        APIField("original_language"),
        APIField("modules_in_order"),
        APIField("enrollment"),
        APIField("licence"),
    ]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def modules(self):
        return ModulePage.objects.child_of(self).live().public().specific().order_by("path")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import course_outline

        context = super().get_context(request, *args, **kwargs)
        context.update(course_outline(self, user=request.user))
        return context


class ModulePage(Page):  # noqa: DJ008 (Page names it)
    """A module of a course: a summary and its lessons (child pages)."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    curriculum_module = models.ForeignKey(
        "knowledge.CurriculumModulePage",
        verbose_name=_("curriculum module taught"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="course_modules",
    )
    required_lesson_count = models.PositiveIntegerField(default=0, editable=False)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("curriculum_module")]

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    api_fields = [APIField("summary")]

    class Meta:
        verbose_name = _("course module")
        verbose_name_plural = _("course modules")

    def lessons(self):
        return LessonPage.objects.child_of(self).live().public().specific().order_by("path")

    def get_sitemap_urls(self, request=None):
        return []  # no page of its own (see serve)

    def serve(self, request, *args, **kwargs):
        # A module has no page of its own: its lessons are listed in the course outline.
        from django.shortcuts import redirect

        return redirect(f"{self.get_parent().get_url(request)}#module-{self.pk}")


class LessonPage(Page):  # noqa: DJ008 (Page names it)
    """A lesson: text, media, examples and quizzes. Readable by enrolled learners (and by
    anyone when marked as a preview); never cached, since it shows the learner's progress."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(blocks.LessonStreamBlock(), verbose_name=_("content"))
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), null=True, blank=True)
    required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Required lessons count towards completing the module and the course."),
    )
    preview = models.BooleanField(
        _("open preview"),
        default=False,
        help_text=_("Anyone may read this lesson before enrolling."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("required"), FieldPanel("preview")]
        ),
        FieldPanel("body"),
    ]

    # The body is not indexed: it holds quiz answers.
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    # The body is for enrolled learners, and its quizzes hold their answers: not in the API.
    api_fields = [APIField("summary"), APIField("estimated_minutes"), APIField("required")]

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def quizzes(self):
        return blocks.quizzes_of(self.body)

    def required_quiz_ids(self):
        return [quiz_id for quiz_id, value in self.quizzes() if value["required"]]

    def get_sitemap_urls(self, request=None):
        # Only open previews can be read without enrolling; the rest would send a search
        # engine to the sign-in page.
        return super().get_sitemap_urls(request) if self.preview else []

    def get_preview_context(self, request, mode_name):
        # Editors preview the lesson as a learner sees it, quizzes included (never tracked).
        from ..selectors import lesson_context

        context = super().get_preview_context(request, mode_name)
        context.update(lesson_context(self, request.user, tracking=False))
        return context

    def serve(self, request, *args, **kwargs):
        from ..views import lesson_serve

        return lesson_serve(self, request, *args, **kwargs)
