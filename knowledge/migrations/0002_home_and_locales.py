"""Make the site's root a HomePage (replacing Wagtail's welcome page) and create the four
content locales, so a fresh deployment serves a real home page in every language."""

from django.conf import settings
from django.db import migrations


def create_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("knowledge", "HomePage")

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    english = Locale.objects.get(language_code="en")

    if HomePage.objects.exists():
        return
    # Wagtail's own first page, if it is still there untouched.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()

    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="knowledge")
    root = Page.objects.get(depth=1)
    siblings = list(Page.objects.filter(depth=2).order_by("-path").values_list("path", flat=True))
    position = int(siblings[0][-4:]) + 1 if siblings else 1
    home = HomePage.objects.create(
        title="Landscape Network",
        draft_title="Landscape Network",
        slug="home",
        content_type=home_type,
        path=f"{root.path}{position:04d}",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=english,
        intro="Learn from a thousand landscape partnerships.",
    )
    root.numchild = len(siblings) + 1
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Landscape Network"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(create_home, migrations.RunPython.noop)]
