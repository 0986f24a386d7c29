"""Keeping the page cache true: whatever can change what a public page shows bumps the content
generation (knowledge.cache), at once and again when the transaction commits. The second bump
matters: a reader rendering between the first and the commit still reads the old rows, and
would otherwise store them under the new generation."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import DRAFT_ONLY_FIELDS, bump_generation

UID = "knowledge-page-cache"


def content_changed(**kwargs):
    bump_generation()
    transaction.on_commit(bump_generation)


def _saved(sender, update_fields=None, **kwargs):
    # A draft save or a lock touches the page row but nothing a reader sees.
    if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    content_changed()


def watched_models():
    """Models whose rows show on public pages: every page type, the taxonomies, partnerships,
    images, documents, sites, locales, view restrictions, curriculum examples and settings."""
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, PageViewRestriction, Site, get_page_models

    from people.models import Partnership, TrainingInstitute

    from .models import (
        SDG,
        Country,
        CurriculumExample,
        Ecosystem,
        ILMElementTerm,
        LandUse,
        Theme,
    )

    return [
        *get_page_models(),
        Theme,
        LandUse,
        Ecosystem,
        SDG,
        ILMElementTerm,
        Country,
        CurriculumExample,
        Partnership,
        TrainingInstitute,
        get_image_model(),
        get_document_model(),
        Site,
        Locale,
        PageViewRestriction,
        *settings_registry,
    ]


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=UID)
    # One receiver per model rather than one for all: a post_delete receiver for every model
    # would turn every fast bulk delete in the project into a row-by-row one.
    for model in watched_models():
        uid = f"{UID}-{model._meta.label}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
