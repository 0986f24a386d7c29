"""Give a fresh site its course catalogue under the home page, so the navigation never links
to a missing section. Editors rename or translate it in the admin like any page."""

import uuid

from django.db import migrations
from django.utils import timezone


def base36(number, width=4):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while number:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
    return text.rjust(width, "0")


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("knowledge", "HomePage")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")
    Page = apps.get_model("wagtailcore", "Page")
    home = HomePage.objects.filter(locale__language_code="en", depth=2).order_by("path").first()
    if home is None or CourseIndexPage.objects.exists():
        return
    children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    if children.filter(slug="courses").exists():
        return  # an editor's page already holds the address
    last = children.order_by("-path").values_list("path", flat=True).first()
    position = int(last[-4:], 36) + 1 if last else 1  # treebeard steps are base 36
    content_type, _ = ContentType.objects.get_or_create(
        app_label="courses", model="courseindexpage"
    )
    now = timezone.now()
    CourseIndexPage.objects.create(
        title="Courses",
        draft_title="Courses",
        slug="courses",
        intro="Learn with landscape partnerships across the world, at your own pace or in a "
        "cohort.",
        content_type=content_type,
        path=home.path + base36(position),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}courses/",
        locale_id=home.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
    )
    Page.objects.filter(pk=home.pk).update(numchild=children.count())


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("knowledge", "0007_section_index_pages"),
    ]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
