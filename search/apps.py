from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each app describes its searchable types in its own search.py; importing them here
        # registers them, so search itself names none of the other apps.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("search")
        from . import facets, signals  # noqa: F401

        signals.connect()
