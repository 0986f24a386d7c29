from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _sync_trees_unless_raw(sender, instance, raw=False, **kwargs):
    # wagtail-localize syncs the page trees whenever a LocaleSynchronization row is saved,
    # even while fixtures are being loaded (raw), when the locales it points at may not exist
    # yet. Loading data must not have side effects.
    if not raw:
        instance.sync_trees()


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge hub")

    def ready(self):
        from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

        from . import services, signals  # noqa: F401 (services connects the workflow emails)

        signals.connect()
        post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
        post_save.connect(
            _sync_trees_unless_raw,
            sender=LocaleSynchronization,
            dispatch_uid="knowledge-locale-sync",
        )
