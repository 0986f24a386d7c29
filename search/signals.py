"""The index follows the data: every registered model, and for pages the Wagtail events that
change who may read them or where they live, queue their documents for rebuilding."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from . import indexing, registry


def _queue_instance(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for search_type in registry.types_for_model(type(instance)):
        indexing.queue(search_type.name, [instance.pk])


def _queue_page(sender, instance, raw=False, **kwargs):
    """A page saved as a plain Page (an unpublish from a generic listing): find its type."""
    if raw or instance.content_type_id is None:
        return
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    if model is not None and model is not Page:
        for search_type in registry.types_for_model(model):
            indexing.queue(search_type.name, [instance.pk])


def _dependency_handler(search_type, function):
    def handler(sender, instance, raw=False, **kwargs):
        if not raw:
            indexing.queue(search_type.name, function(instance))

    return handler


def queue_page_tree(page):
    """The page and every page below it: their URLs or their readers may have changed."""
    rows = Page.objects.descendant_of(page, inclusive=True).values_list("pk", "content_type_id")
    by_model = {}
    for pk, content_type_id in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            by_model.setdefault(model, []).append(pk)
    for model, ids in by_model.items():
        for search_type in registry.types_for_model(model):
            indexing.queue(search_type.name, ids)


def _page_moved(sender, instance, **kwargs):
    queue_page_tree(instance)


def _restriction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        queue_page_tree(instance.page)


def _m2m_handler(search_type):
    """A relation through this table changed (tags added to a person): m2m_changed names the
    object on either side."""

    def handler(sender, instance, action, pk_set=None, **kwargs):
        if not action.startswith("post_"):
            return
        if isinstance(instance, search_type.model):
            indexing.queue(search_type.name, [instance.pk])
        elif pk_set and kwargs.get("model") is search_type.model:
            indexing.queue(search_type.name, pk_set)

    return handler


_handlers = []  # strong references: the receivers are closures


def connect():
    for search_type in registry.types().values():
        post_save.connect(_queue_instance, sender=search_type.model)
        post_delete.connect(_queue_instance, sender=search_type.model)
        for model, function in search_type.depends_on:
            handler = _dependency_handler(search_type, function)
            m2m = _m2m_handler(search_type)
            _handlers.extend([handler, m2m])
            post_save.connect(handler, sender=model)
            post_delete.connect(handler, sender=model)
            m2m_changed.connect(m2m, sender=model)
    post_save.connect(_queue_page, sender=Page)
    post_delete.connect(_queue_page, sender=Page)
    post_page_move.connect(_page_moved)
    post_save.connect(_restriction_changed, sender=PageViewRestriction)
    post_delete.connect(_restriction_changed, sender=PageViewRestriction)
