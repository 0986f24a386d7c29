"""Give a fresh site its two library sections (case studies, curricula) under the home page, so
the navigation never links to a section that does not exist yet. Editors rename or translate
them in the admin like any page."""

import uuid

from django.db import migrations
from django.utils import timezone

SECTIONS = [
    (
        "casestudyindexpage",
        "case-studies",
        "Case studies",
        "What landscape partnerships did, where, and what came of it.",
    ),
    (
        "curriculumindexpage",
        "curricula",
        "Curricula",
        "Training material that institutes reuse, module by module.",
    ),
]


def base36(number, width=4):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while number:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
    return text.rjust(width, "0")


def create_sections(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("knowledge", "HomePage")
    home = HomePage.objects.filter(locale__language_code="en", depth=2).order_by("path").first()
    if home is None:
        return
    Page = apps.get_model("wagtailcore", "Page")
    now = timezone.now()
    for model_name, slug, title, intro in SECTIONS:
        model = apps.get_model("knowledge", model_name)
        if model.objects.exists():
            continue
        children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        last = children.order_by("-path").values_list("path", flat=True).first()
        position = int(last[-4:], 36) + 1 if last else 1  # treebeard steps are base 36
        if children.filter(slug=slug).exists():
            continue  # an editor's page already holds the address
        content_type, _ = ContentType.objects.get_or_create(app_label="knowledge", model=model_name)
        model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            intro=intro,
            content_type=content_type,
            path=home.path + base36(position),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            locale_id=home.locale_id,
            translation_key=uuid.uuid4(),
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
        )
        Page.objects.filter(pk=home.pk).update(numchild=children.count())


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0006_taxonomy_permissions")]

    operations = [migrations.RunPython(create_sections, migrations.RunPython.noop)]
