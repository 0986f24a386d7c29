"""Let editors (Wagtail's "Editors" and "Moderators" groups) look after the managed taxonomies
(themes, land uses, ecosystems) in the admin, not only superusers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["theme", "landuse", "ecosystem"]
GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now to grant them.
    config = apps.get_app_config("knowledge")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="knowledge", content_type__model__in=MODELS
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0005_iucn_ecosystems"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
