"""Keep the stored lesson counts of courses and modules true to the published tree: a
learner's percentage is read from these counts and their own counters, never by walking the
lessons (see courses.models.pages). And accept cohort invitations when the invited address is
confirmed."""

from allauth.account.signals import email_confirmed
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from knowledge.cache import bump_generation

from .models import CoursePage, LessonPage, ModulePage
from .models.pages import course_of

COURSE_TREE = (CoursePage, ModulePage, LessonPage)


def course_recount(course):
    """Count the live required lessons of each module and of the course, in two queries, and
    store them."""
    steplen = course.steplen
    modules = dict(ModulePage.objects.child_of(course).values_list("path", "required_lesson_count"))
    counts = dict.fromkeys(modules, 0)
    lessons = LessonPage.objects.descendant_of(course).live().filter(required=True)
    live_modules = set(ModulePage.objects.child_of(course).live().values_list("path", flat=True))
    for path in lessons.values_list("path", flat=True):
        module_path = path[:-steplen]
        if module_path in live_modules:
            counts[module_path] += 1
    for path, count in counts.items():
        if modules[path] != count:
            ModulePage.objects.filter(path=path).update(required_lesson_count=count)
    total = sum(counts[path] for path in live_modules)
    if course.required_lesson_count != total:
        CoursePage.objects.filter(pk=course.pk).update(required_lesson_count=total)
        course.required_lesson_count = total
    if _is_original(course):
        # Learners' counters follow the course in its original language (every language
        # shares one record per learner); a completion is checked against the learner's own
        # language anyway (services.learning._complete).
        from .services.learning import counters_realign

        counters_realign(course)
    bump_generation()


def _is_original(course):
    """The course in the site's default language, or this one if it has no version there."""
    if course.locale.language_code == settings.LANGUAGE_CODE:
        return True
    return not CoursePage.objects.filter(
        translation_key=course.translation_key, locale__language_code=settings.LANGUAGE_CODE
    ).exists()


def _changed(sender, instance, **kwargs):
    if not isinstance(instance, COURSE_TREE):
        return
    course = course_of(instance)
    if course is not None:
        course_recount(course)


@receiver(page_published, dispatch_uid="courses-recount-published")
def _published(sender, instance, **kwargs):
    _changed(sender, instance)


@receiver(page_unpublished, dispatch_uid="courses-recount-unpublished")
def _unpublished(sender, instance, **kwargs):
    _changed(sender, instance)


@receiver(post_page_move, dispatch_uid="courses-recount-moved")
def _moved(sender, instance, parent_page_before=None, url_path_before=None, **kwargs):
    _changed(sender, instance.specific if type(instance) is Page else instance)
    if parent_page_before is not None:
        # The course it left counts one lesson fewer.
        _changed(sender, parent_page_before.specific)


def _deleted(sender, instance, **kwargs):
    _changed(sender, instance)


def _created(sender, instance, created=False, raw=False, **kwargs):
    # Pages that appear live without being published: the aliases wagtail-localize makes in
    # the other languages after an editor creates a page (and page_sync_aliases).
    if created and not raw and instance.live and instance.alias_of_id:
        _changed(sender, instance)


for _model in (ModulePage, LessonPage):
    post_delete.connect(_deleted, sender=_model, dispatch_uid=f"courses-recount-{_model.__name__}")
    post_save.connect(
        _created, sender=_model, dispatch_uid=f"courses-recount-alias-{_model.__name__}"
    )


@receiver(email_confirmed, dispatch_uid="courses-cohort-invitations")
def _accept_cohort_invitations(sender, request, email_address, **kwargs):
    """Someone invited to a cohort before they had an account joins it as soon as they confirm
    the invited address."""
    from .services import cohort_invitations_accept_for_email

    cohort_invitations_accept_for_email(user=email_address.user, email=email_address.email)
